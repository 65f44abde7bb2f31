import CityReport
import SharedDomain
import Testing

@Suite struct TextRendererTests {
    @Test func ratesPrintTheExactPairFirstAndAnUndefinedRateAsADash() {
        #expect(RateFigure(7, 156).text == "7/156 (4.49%)")
        #expect(RateFigure(1, 10).text == "1/10 (10%)")
        #expect(RateFigure(0, 0).text == "0/0 (—)")
        #expect(RateFigure(0, 5).text == "0/5 (0%)")
    }

    /// Terminal columns of a line: Chinese characters take two.
    static func columns(_ line: Substring) -> Int {
        line.unicodeScalars.reduce(0) { total, scalar in
            total + ((0x4E00...0x9FFF).contains(scalar.value) || (0xFF00...0xFF60).contains(scalar.value) ? 2 : 1)
        }
    }

    @Test func tableColumnsLineUpWhenNamesAreChinese() throws {
        let text = TextRenderer().render(SampleReports.twoRegions())
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let header = try #require(lines.firstIndex { $0.hasPrefix("  区县") && $0.contains("双下降") })
        // Header, rule, 清平县, 河东区: every column after the names is right-aligned, so every line
        // ends at the same terminal column.
        let rows = lines[header...(header + 3)]
        let ends = rows.map { Self.columns($0) }
        #expect(Set(ends).count == 1, "\(rows.joined(separator: "\n"))")
        #expect(text.contains("0/0 (—)"))
        #expect(text.contains("3/43 (6.98%)"))
    }

    @Test func everySectionIsPresentAndEmptyOnesSaySo() {
        let text = TextRenderer().render(SampleReports.empty)
        for heading in ["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、", "十、"] {
            #expect(text.contains("\n\(heading)"), "\(heading)")
        }
        #expect(text.contains("（无区县）"))
        #expect(text.contains("（本期及同期均无案件）"))
    }

    @Test func theCrossingsAndEscalationsSayWhatFollowedAndWhen() {
        let text = TextRenderer().render(SampleReports.twoRegions())
        #expect(text.contains("第 1 次"))
        #expect(text.contains("约谈"))
        #expect(text.contains("2023-08-02 分管副市长"))
        #expect(text.contains("另有 4 个机关本期及同期均无案件"))
    }
}
