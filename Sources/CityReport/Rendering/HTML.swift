/// The few pieces of HTML the page is built from. Every text from the data goes through
/// ``escape(_:)``: names, explanations and summaries are written by people and other systems.
enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A table; cells are escaped here. Columns after the first are figures, aligned right.
    static func table(_ headers: [String], _ rows: [[String]], className: String = "", leftColumns: Int = 1) -> String {
        var out = className.isEmpty ? "<table>" : "<table class=\"\(escape(className))\">"
        out += "<thead><tr>"
        for (index, header) in headers.enumerated() {
            out += index < leftColumns ? "<th>\(escape(header))</th>" : "<th class=\"num\">\(escape(header))</th>"
        }
        out += "</tr></thead><tbody>"
        for row in rows {
            out += "<tr>"
            for (index, cell) in row.enumerated() {
                out += index < leftColumns ? "<td>\(escape(cell))</td>" : "<td class=\"num\">\(escape(cell))</td>"
            }
            out += "</tr>"
        }
        return out + "</tbody></table>"
    }

    /// "174" or "174.25": coordinates to two places, so the markup stays short and exact enough.
    static func number(_ value: Double) -> String {
        let hundredths = Int64((value * 100).rounded())
        let whole = hundredths / 100
        let rest = abs(hundredths % 100)
        if rest == 0 { return "\(whole)" }
        let sign = hundredths < 0 && whole == 0 ? "-" : ""
        return rest % 10 == 0 ? "\(sign)\(whole).\(rest / 10)" : "\(sign)\(whole).\(rest < 10 ? "0" : "")\(rest)"
    }
}
