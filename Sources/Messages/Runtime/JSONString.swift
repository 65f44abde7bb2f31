/// JSON string literals: the one escaping for everything we print as JSON (the services' JSON log
/// lines and sjctl's proto3 JSON).
public enum JSONString {
    /// Appends `text` as a JSON string literal. Quotes and backslashes are escaped; so are every
    /// control character (U+0000-U+001F, and DEL), so a value can never break its line, forge
    /// another field or reach a terminal as a control sequence; and U+2028/U+2029, which
    /// JavaScript before ES2019 reads as line breaks inside a string.
    public static func append(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _
            where scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// `text` as a JSON string literal (``append(_:to:)``).
    public static func quoted(_ text: String) -> String {
        var out = ""
        append(text, to: &out)
        return out
    }
}
