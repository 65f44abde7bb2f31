import GRPCCore
import Testing

@Suite struct PercentEncodingTests {
    static let interopMessage = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n"

    @Test func theInteropSpecialMessageEncodesAsGRPCDoes() {
        let encoded = PercentEncoding.encode(Self.interopMessage)
        #expect(
            encoded
                == "%09%0Atest with whitespace%0D%0Aand Unicode BMP %E2%98%BA and non-BMP %F0%9F%98%88%09%0A")
        #expect(PercentEncoding.decode(encoded) == Self.interopMessage)
    }

    @Test func printableASCIIPassesThroughExceptPercent() {
        let printable = String(decoding: (0x20...0x7E).map { UInt8($0) }, as: UTF8.self)
        let encoded = PercentEncoding.encode(printable)
        #expect(encoded == printable.replacing("%", with: "%25"))
        #expect(PercentEncoding.decode(encoded) == printable)
    }

    @Test(arguments: ["", "plain", "100%", "%%", "a%2", "%", "%zz", "%ÿ", "%E2%98%BA ☺ %7e", "\u{0}\u{7F}"])
    func everyStringRoundTrips(message: String) {
        #expect(PercentEncoding.decode(PercentEncoding.encode(message)) == message)
    }

    @Test func invalidEscapesAreKeptLiterally() {
        #expect(PercentEncoding.decode("100%") == "100%")
        #expect(PercentEncoding.decode("%zz and %4") == "%zz and %4")
        #expect(PercentEncoding.decode("%%41") == "%A")
    }

    @Test func lowerCaseHexIsAccepted() {
        #expect(PercentEncoding.decode("%e2%98%ba") == "☺")
    }

    @Test func invalidUTF8IsRepairedNotRejected() {
        #expect(PercentEncoding.decode("a%FFb") == "a\u{FFFD}b")
        #expect(PercentEncoding.decode("%E2%98") == "\u{FFFD}")
    }
}
