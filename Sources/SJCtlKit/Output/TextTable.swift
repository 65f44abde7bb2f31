/// An aligned plain-text table for people: a header row, then one row per item, columns separated
/// by two spaces and aligned by display width (Chinese text takes two columns a character).
///
///     var table = TextTable(["ID", "NAME", "CASES"], rightAligned: [2])
///     table.add(["region-1", "鼓楼区", "12"])
///     print(table.render())
///
/// Newlines inside a cell are shown as "⏎" so that one item stays on one line, and a column can be
/// capped so that a long explanation does not push the table off the screen.
public struct TextTable: Sendable {
    public let headers: [String]
    public var rows: [[String]] = []
    /// Column indexes aligned right (numbers).
    public var rightAligned: Set<Int>
    /// Column index → the most display columns it may take; longer cells end in "…".
    public var maxWidths: [Int: Int]

    public init(_ headers: [String], rightAligned: Set<Int> = [], maxWidths: [Int: Int] = [:]) {
        self.headers = headers
        self.rightAligned = rightAligned
        self.maxWidths = maxWidths
    }

    public mutating func add(_ row: [String]) {
        rows.append(row)
    }

    public var isEmpty: Bool { rows.isEmpty }

    /// The table as lines joined by "\n", with no trailing newline and no trailing spaces.
    public func render() -> String {
        let cells = ([headers] + rows).map { row in
            headers.indices.map { column -> String in
                var text = column < row.count ? row[column] : ""
                text = text.replacingAll("\r\n", with: "⏎").replacingAll("\n", with: "⏎")
                if let limit = maxWidths[column] { text = TextWidth.truncate(text, to: limit) }
                return text
            }
        }
        let widths = headers.indices.map { column in cells.map { TextWidth.of($0[column]) }.max() ?? 0 }
        return cells.map { row in
            var line = ""
            for column in headers.indices {
                let isLast = column == headers.count - 1
                let right = rightAligned.contains(column)
                let text = row[column]
                line += isLast && !right ? text : TextWidth.pad(text, to: widths[column], right: right)
                if !isLast { line += "  " }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}
