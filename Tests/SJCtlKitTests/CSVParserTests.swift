import SJCtlKit
import Testing

@Suite struct CSVParserTests {
    @Test func quotedFieldsKeepCommasDoubledQuotesAndLineBreaks() throws {
        let records = try CSVParser.parse("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n")
        #expect(records.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"]])
    }

    @Test func eachRecordIsNamedByTheLineItStartsOnEvenAfterAMultiLineField() throws {
        let text = "h1,h2\r\n\"first\r\nsecond\r\nthird\",1\r\nnext,2\r\n"
        let records = try CSVParser.parse(text)
        #expect(records.map(\.line) == [1, 2, 5])
        // CRLF inside quotes is kept as written; CRLF between records ends them.
        #expect(records[1].fields == ["first\r\nsecond\r\nthird", "1"])
        #expect(records[2].fields == ["next", "2"])
    }

    @Test func lfCrlfAndLoneCrAllEndARecord() throws {
        let records = try CSVParser.parse("a\nb\r\nc\rd")
        #expect(records.map(\.fields) == [["a"], ["b"], ["c"], ["d"]])
        #expect(records.map(\.line) == [1, 2, 3, 4])
    }

    @Test func blankLinesAreSkippedButTheirLinesStillCount() throws {
        let records = try CSVParser.parse("a,b\n\n1,2\n,\n")
        #expect(records.map(\.fields) == [["a", "b"], ["1", "2"], ["", ""]])
        #expect(records.map(\.line) == [1, 3, 4])
    }

    @Test func anEmptyQuotedFieldIsAField() throws {
        #expect(try CSVParser.parse("\"\"\n").map(\.fields) == [[""]])
        #expect(try CSVParser.parse("a,\"\"").map(\.fields) == [["a", ""]])
    }

    @Test func anUnterminatedQuoteIsReportedAtTheLineItOpens() {
        #expect(throws: CSVParser.Failure(line: 2, problem: "a quoted field that never ends (a closing \" is missing)"))
        {
            try CSVParser.parse("a,b\n\"open,\nstill open\n")
        }
    }

    @Test func aQuoteInsideAnUnquotedFieldIsRefusedWithItsLine() {
        do {
            _ = try CSVParser.parse("a,b\n1,2\nab\"c,d\n")
            Issue.record("parsed a quote inside an unquoted field")
        } catch {
            #expect(error.line == 3)
            #expect(error.problem.contains("double quote"))
        }
    }

    @Test func textAfterAClosingQuoteIsRefused() {
        #expect(throws: CSVParser.Failure.self) { try CSVParser.parse("\"abc\"x,1\n") }
    }
}
