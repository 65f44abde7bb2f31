/// RFC 4180 CSV: fields separated by commas, records by CRLF (LF or a lone CR too, as files
/// from other systems have them), fields optionally in double quotes, where a quote is doubled and
/// commas and line breaks are kept.
///
/// Each record remembers the line it starts on (1 for the first), so a rejected row can be named
/// by the line a person finds in their editor, even after quoted fields spanning several lines.
public enum CSVParser {
    public struct Record: Equatable, Sendable {
        /// The line the record starts on, 1-based.
        public let line: Int
        public let fields: [String]
    }

    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        public let line: Int
        public let problem: String

        public init(line: Int, problem: String) {
            self.line = line
            self.problem = problem
        }

        public var description: String { "line \(line): \(problem)" }
    }

    /// The records of `text`; entirely empty lines are skipped (a trailing newline, a blank line
    /// between blocks), a line holding only commas is kept.
    public static func parse(_ text: String) throws(Failure) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quoteLine = 0
        var fieldWasQuoted = false
        var afterClosingQuote = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            fieldWasQuoted = false
            afterClosingQuote = false
        }
        func endRecord() {
            let lastWasQuoted = fieldWasQuoted
            endField()
            let isBlank = fields.count == 1 && fields[0].isEmpty && !lastWasQuoted
            if !isBlank { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
        }

        while let scalar = pending ?? scalars.next() {
            pending = nil
            if inQuotes {
                switch scalar {
                case "\"":
                    let next = scalars.next()
                    if next == "\"" {
                        field.append("\"")
                    } else {
                        inQuotes = false
                        afterClosingQuote = true
                        pending = next
                    }
                case "\r":
                    let next = scalars.next()
                    field.append("\r")
                    if next == "\n" { field.append("\n") } else { pending = next }
                    line += 1
                case "\n":
                    field.append("\n")
                    line += 1
                default:
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                endField()
            case "\r", "\n":
                if scalar == "\r" {
                    let next = scalars.next()
                    if next != "\n" { pending = next }
                }
                endRecord()
                line += 1
                recordLine = line
            case "\"":
                guard field.isEmpty, !fieldWasQuoted else {
                    throw Failure(
                        line: line,
                        problem: "a double quote inside a field that does not start with one; "
                            + "put the whole field in quotes and double the quote (\"\" for \")")
                }
                inQuotes = true
                fieldWasQuoted = true
                quoteLine = line
            default:
                if afterClosingQuote {
                    throw Failure(
                        line: line,
                        problem: "text after a closing quote; a quoted field must end at a comma or the line's end")
                }
                field.append(scalar)
            }
        }
        if inQuotes {
            throw Failure(line: quoteLine, problem: "a quoted field that never ends (a closing \" is missing)")
        }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        return records
    }
}
