import Foundation
import Messages
import Testing

/// The one JSON string escaping (log lines, sjctl's proto JSON).
@Suite struct JSONStringTests {
    @Test func everyCharacterThatCouldBreakALineOrAFieldIsEscaped() {
        #expect(JSONString.quoted("a\"b\\c") == #""a\"b\\c""#)
        #expect(JSONString.quoted("1\n2\r3\t4\u{08}5\u{0C}6") == #""1\n2\r3\t4\b5\f6""#)
        #expect(JSONString.quoted("\u{00}\u{1B}[31m\u{7F}") == #""\u0000\u001b[31m\u007f""#)
        #expect(JSONString.quoted("\u{2028}\u{2029}") == #""\u2028\u2029""#)
        #expect(JSONString.quoted("沭阳县 ☺ 10%") == "\"沭阳县 ☺ 10%\"")
        #expect(JSONString.quoted("") == "\"\"")
    }

    /// A JSON parser reads back exactly the text, for every scalar below U+0100 and the others
    /// that are escaped.
    @Test func aParserReadsBackTheTextItWasGiven() throws {
        var text = String(String.UnicodeScalarView((0..<0x100).compactMap(Unicode.Scalar.init)))
        text += "\u{2028}\u{2029}沭阳县😀"
        let literal = JSONString.quoted(text)
        #expect(!literal.contains("\n") && !literal.unicodeScalars.contains { $0.value < 0x20 })
        let parsed = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
        #expect(parsed == [text])
    }
}
