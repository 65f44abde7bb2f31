import CityReport
import SharedDomain
import Testing

@Suite struct HTMLRendererTests {
    let renderer = HTMLRenderer()

    /// The plot area as the chart itself declares it: the frame the values are measured in.
    func plotArea(_ html: String, chart: String) -> (top: Double, height: Double)? {
        guard let svgStart = html.firstRange(of: "id=\"\(chart)\""),
            let svgEnd = html[svgStart.upperBound...].firstRange(of: "</svg>")
        else { return nil }
        let svg = String(html[svgStart.lowerBound..<svgEnd.upperBound])
        let area = Markup.tags("rect", class: "plot-area", in: svg).first
        guard let top = Markup.double(area, "y"), let height = Markup.double(area, "height") else { return nil }
        return (top, height)
    }

    func svg(_ html: String, _ chart: String) -> String {
        guard let start = html.firstRange(of: "<svg id=\"\(chart)\""),
            let end = html[start.upperBound...].firstRange(of: "</svg>")
        else { return "" }
        return String(html[start.lowerBound..<end.upperBound])
    }

    @Test func theTenPercentLineIsDrawnHalfwayUpAnAxisThatEndsAtTwentyPercent() throws {
        let html = renderer.render(SampleReports.twoRegions())
        let area = try #require(plotArea(html, chart: HTMLRenderer.lossRateChartId))
        let line = try #require(
            Markup.attributes(ofTagContaining: "id=\"\(HTMLRenderer.lossRateChartId)-threshold\"", in: html))
        // 20 % is the highest rate, so the axis ends there and 10 % is exactly halfway.
        #expect(Markup.double(line, "y1") == area.top + area.height / 2)
        #expect(Markup.double(line, "y2") == area.top + area.height / 2)
        #expect(html.contains("10% 约谈线"))
        // The bars are measured in the same frame: 20 % reaches the top, 5 % a quarter of the way.
        let bars = Markup.tags("rect", class: "bar", in: svg(html, HTMLRenderer.lossRateChartId))
        let tops = bars.compactMap { Markup.double($0, "y") }
        #expect(tops.contains(area.top))
        #expect(tops.contains(area.top + area.height * 3 / 4))
        #expect(tops.contains(area.top + area.height / 2), "Q1 at exactly 10 % sits on the line")
    }

    @Test func aThresholdOtherThanTenPercentMovesTheLineAndItsLabel() throws {
        // 12 %: the axis still ends at 20 %, so the line is 12/20 of the way up.
        let html = renderer.render(SampleReports.twoRegions(threshold: Fraction(3, 25)!))
        let area = try #require(plotArea(html, chart: HTMLRenderer.lossRateChartId))
        let line = try #require(
            Markup.attributes(ofTagContaining: "id=\"\(HTMLRenderer.lossRateChartId)-threshold\"", in: html))
        let y = try #require(Markup.double(line, "y1"))
        #expect(abs(y - (area.top + area.height * (1 - 0.12 / 0.2))) < 0.01)
        let chart = svg(html, HTMLRenderer.lossRateChartId)
        #expect(chart.contains("12% 约谈线"))
        #expect(!chart.contains("10% 约谈线"))
    }

    @Test func aRegionWithNoConcludedCaseHasNoBarButAMarkSayingSo() {
        let html = renderer.render(SampleReports.twoRegions())
        let chart = svg(html, HTMLRenderer.lossRateChartId)
        // 清平县 has four quarters with something concluded; 河东区 none: four bars, four marks.
        #expect(Markup.tags("rect", class: "bar", in: chart).count == 4)
        #expect(Markup.tags("text", class: "no-data", in: chart).count == 4)
        #expect(chart.contains("河东区 2023Q1：败诉率 0/0 (—)"))
        #expect(!chart.contains("河东区 2023Q1：败诉率 0/0 (0%)"))
        // Its case volume still has bars (zeros are drawn as zero-height bars, not as "no data").
        #expect(Markup.tags("rect", class: "bar", in: svg(html, HTMLRenderer.caseVolumeChartId)).count == 8)
    }

    @Test func textFromTheDataIsEscapedEverywhere() {
        let hostile = "<script>alert(\"x\")</script>&'"
        let html = renderer.render(SampleReports.twoRegions(names: (hostile, "河东区")))
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"))
        // Inside SVG text and tooltips too.
        #expect(svg(html, HTMLRenderer.lossRateChartId).contains("&lt;script&gt;"))
    }

    @Test func thePageIsSelfContainedUTF8WithChineseAsIs() {
        let html = renderer.render(SampleReports.twoRegions())
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("淮州市2023年行政诉讼“双下降”工作报告"))
        #expect(!html.contains("&#"), "Chinese is written as UTF-8, not as character references")
        for external in ["<script", "<link", "<img", "url(", "@import", "https://", "src="] {
            #expect(!html.contains(external), "\(external)")
        }
        // The only URL is the SVG namespace, which is a name, not a fetch.
        #expect(html.replacing("xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http://") == false)
    }

    @Test func bothChartsAreNamedForScreenReaders() throws {
        let html = renderer.render(SampleReports.twoRegions())
        for chart in [HTMLRenderer.lossRateChartId, HTMLRenderer.caseVolumeChartId] {
            let svg = try #require(Markup.attributes(ofTagContaining: "id=\"\(chart)\"", in: html))
            #expect(svg["role"] == "img")
            #expect(svg["aria-label"]?.isEmpty == false)
            #expect(self.svg(html, chart).contains("<title>"))
        }
    }

    @Test func anEmptyPeriodStillRendersBothChartsWithTheLineAndNoBars() throws {
        let html = renderer.render(SampleReports.empty)
        for chart in [HTMLRenderer.lossRateChartId, HTMLRenderer.caseVolumeChartId] {
            let drawn = svg(html, chart)
            #expect(drawn.contains("无区县数据"))
            #expect(Markup.tags("rect", class: "bar", in: drawn).isEmpty)
        }
        // Nothing to scale to: the axis ends one step above the line (15 %), not on it.
        let area = try #require(plotArea(html, chart: HTMLRenderer.lossRateChartId))
        let line = try #require(
            Markup.attributes(ofTagContaining: "id=\"\(HTMLRenderer.lossRateChartId)-threshold\"", in: html))
        let y = try #require(Markup.double(line, "y1"))
        #expect(abs(y - (area.top + area.height / 3)) < 0.01)
        #expect(html.contains("（无区县）"))
        #expect(html.contains("（本期无到期的舆情处置时限）"))
    }
}
