import SJCtlKit
import Testing

@Suite struct TextTableTests {
    @Test func columnsAlignByDisplayWidthSoChineseNamesLineUp() {
        var table = TextTable(["ID", "NAME", "CASES"], rightAligned: [2])
        table.add(["region-1", "鼓楼区", "12"])
        table.add(["region-10", "Gulou", "7"])
        let lines = table.render().split(separator: "\n").map(String.init)
        #expect(
            lines == [
                "ID         NAME    CASES",
                "region-1   鼓楼区     12",
                "region-10  Gulou       7",
            ])
    }

    @Test func aCellIsCutAtItsColumnsLimitAndNewlinesStayOnOneLine() {
        var table = TextTable(["NOTE"], maxWidths: [0: 6])
        table.add(["第一行\n第二行"])
        #expect(table.render() == "NOTE\n第一…")
    }

    @Test func fullWidthPunctuationCountsTwoColumnsAndCombiningMarksNone() {
        #expect(TextWidth.of("（2024）") == 2 + 4 + 2)
        #expect(TextWidth.of("e\u{301}") == 1)
        #expect(TextWidth.of("〔〕") == 4)
    }
}
