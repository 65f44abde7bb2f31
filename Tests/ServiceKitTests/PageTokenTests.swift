import GRPCCore
import Messages
import Testing

@testable import ServiceKit

@Suite struct PageTokenTests {
    static let secret = Array(UInt8(0)..<32)
    static let keys: [PageToken.Key] = [.text("320302"), .integer(42)]

    @Test func aTokenRoundTripsUnderItsSecret() {
        let token = PageToken(filterHash: 7, keys: Self.keys).encoded(secret: Self.secret)
        #expect(PageToken(decoding: token, secret: Self.secret) == PageToken(filterHash: 7, keys: Self.keys))
    }

    @Test func aTokenFromAnotherDatabaseIsRefused() {
        let token = PageToken(filterHash: 7, keys: Self.keys).encoded(secret: Self.secret)
        #expect(PageToken(decoding: token, secret: Array(repeating: 9, count: 32)) == nil)
    }

    /// Flipping any bit anywhere in the token, keys or filter hash or tag, never yields another
    /// valid token: the MAC covers all of it.
    @Test func everySingleBitEditIsRefused() {
        let token = PageToken(filterHash: 7, keys: Self.keys).encoded(secret: Self.secret)
        let bytes = Base64.decode(token)!
        for index in bytes.indices {
            for bit in 0..<8 {
                var edited = bytes
                edited[index] ^= 1 << bit
                #expect(PageToken(decoding: Base64.encode(edited), secret: Self.secret) == nil)
            }
        }
    }

    @Test func anEditedTokenIsInvalidArgumentNamingPageToken() throws {
        let token = PageToken(filterHash: 7, keys: [.integer(42)]).encoded(secret: Self.secret)
        var bytes = Base64.decode(token)!
        bytes[bytes.count - 9] ^= 1  // the key's last byte: row 43 instead of 42
        let error = #expect(throws: RPCError.self) {
            try PageToken.resume(Base64.encode(bytes), secret: Self.secret, filterHash: 7, shape: [.integer(0)])
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.hasPrefix("page_token: not a token this service issued") == true)
    }

    @Test func aTokenIssuedForOtherFiltersIsRefusedSayingSo() throws {
        let token = PageToken(filterHash: 7, keys: [.integer(42)]).encoded(secret: Self.secret)
        let error = #expect(throws: RPCError.self) {
            try PageToken.resume(token, secret: Self.secret, filterHash: 8, shape: [.integer(0)])
        }
        #expect(error?.message == "page_token: was issued for different filters; repeat them unchanged")
    }

    @Test func aTokenOfTheWrongShapeIsRefused() throws {
        let token = PageToken(filterHash: 7, keys: [.integer(42)]).encoded(secret: Self.secret)
        #expect(throws: RPCError.self) {
            try PageToken.resume(token, secret: Self.secret, filterHash: 7, shape: [.text(""), .integer(0)])
        }
    }

    @Test func theFirstPageHasNoToken() throws {
        #expect(try PageToken.resume("", secret: Self.secret, filterHash: 7, shape: [.integer(0)]) == nil)
    }

    /// The reference vector of the SipHash paper (appendix A): key 00..0f, message 00..0e.
    @Test func sipHashMatchesThePublishedVector() {
        #expect(SipHash.mac(key: Array(0..<16), Array(0..<15)) == 0xa129_ca61_49be_45e5)
    }
}
