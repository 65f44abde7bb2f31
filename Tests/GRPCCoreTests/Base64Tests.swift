import GRPCCore
import Testing

@Suite struct Base64Tests {
    // RFC 4648 §10 test vectors.
    static let vectors: [(String, String, String)] = [
        ("", "", ""), ("f", "Zg==", "Zg"), ("fo", "Zm8=", "Zm8"), ("foo", "Zm9v", "Zm9v"),
        ("foob", "Zm9vYg==", "Zm9vYg"), ("fooba", "Zm9vYmE=", "Zm9vYmE"), ("foobar", "Zm9vYmFy", "Zm9vYmFy"),
    ]

    @Test func encodingMatchesTheRFCVectorsPaddedAndUnpadded() {
        for (plain, padded, unpadded) in Self.vectors {
            #expect(Base64.encode(Array(plain.utf8), padded: true) == padded)
            #expect(Base64.encode(Array(plain.utf8)) == unpadded)
        }
    }

    @Test func decodingAcceptsPaddedAndUnpadded() {
        for (plain, padded, unpadded) in Self.vectors {
            #expect(Base64.decode(padded) == Array(plain.utf8))
            #expect(Base64.decode(unpadded) == Array(plain.utf8))
        }
    }

    @Test func theWholeAlphabetRoundTrips() {
        let bytes = (0...255).map { UInt8($0) }
        let encoded = Base64.encode(bytes)
        #expect(encoded.contains("+") && encoded.contains("/"))
        #expect(Base64.decode(encoded) == bytes)
        #expect(Base64.decode(Base64.encode(bytes, padded: true)) == bytes)
    }

    @Test(arguments: [
        "A", "AAAAA", "Zg=", "Zg===", "Z===", "====", "=", "Zm9v=Zm9v", "Zg==Zg==", "Zm 9v", "Zm9v\n", "Zm-_",
        "Zm9v!",
    ])
    func invalidInputIsRejected(input: String) {
        #expect(Base64.decode(input) == nil)
    }
}
