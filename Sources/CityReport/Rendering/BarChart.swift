/// A grouped bar chart as inline SVG, drawn by hand: one group per region, one bar per
/// quarter, an optional dashed threshold line with its label. No script, no external font.
///
/// The plot area is fixed (``plotLeft``…``plotRight``, ``plotTop``…``plotBottom``) and marked
/// by a `rect.plot-area`, so a value v sits at y = plotBottom − v ÷ axisMax × plot height (a zero
/// as a one-unit hairline on the axis).
struct BarChart {
    struct Bar {
        /// Where it reaches, 0…axisMax; nil draws no bar but a "no data" mark.
        var value: Double?
        /// The bar's tooltip, e.g. "清平县 2023Q1：7/156 (4.49%)".
        var label: String
    }

    struct Group {
        var name: String
        var bars: [Bar]
    }

    struct Threshold {
        var value: Double
        var label: String
    }

    static let width = 960.0
    static let height = 400.0
    static let plotLeft = 64.0
    static let plotRight = 944.0
    static let plotTop = 56.0
    static let plotBottom = 300.0
    static let palette = [
        "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#9c755f", "#ff9da7", "#bab0ac", "#8cd17d",
        "#499894", "#86bcb6",
    ]

    var id: String
    var title: String
    var description: String
    var series: [String]
    var groups: [Group]
    var axisMax: Double
    /// (value, label) of each gridline.
    var ticks: [(Double, String)]
    var threshold: Threshold?
    var emptyText: String

    static func y(_ value: Double, axisMax: Double) -> Double {
        plotBottom - value / axisMax * (plotBottom - plotTop)
    }

    func render() -> String {
        let n = HTML.number
        var svg =
            "<svg id=\"\(HTML.escape(id))\" class=\"chart\" role=\"img\" aria-label=\"\(HTML.escape(title))\" "
            + "viewBox=\"0 0 \(n(Self.width)) \(n(Self.height))\" width=\"\(n(Self.width))\" height=\"\(n(Self.height))\" "
            + "xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title>\(HTML.escape(title))</title><desc>\(HTML.escape(description))</desc>"
        svg +=
            "<rect class=\"plot-area\" x=\"\(n(Self.plotLeft))\" y=\"\(n(Self.plotTop))\" "
            + "width=\"\(n(Self.plotRight - Self.plotLeft))\" height=\"\(n(Self.plotBottom - Self.plotTop))\" "
            + "fill=\"#fafafa\" stroke=\"#ccc\"/>"
        for (value, label) in ticks {
            let y = Self.y(value, axisMax: axisMax)
            svg +=
                "<line class=\"grid\" x1=\"\(n(Self.plotLeft))\" x2=\"\(n(Self.plotRight))\" y1=\"\(n(y))\" y2=\"\(n(y))\" "
                + "stroke=\"#e3e3e3\"/>"
            svg +=
                "<text class=\"tick\" x=\"\(n(Self.plotLeft - 6))\" y=\"\(n(y + 4))\" text-anchor=\"end\" "
                + "font-size=\"12\">\(HTML.escape(label))</text>"
        }
        // Legend: one swatch per series (quarter), above the plot.
        var legendX = Self.plotLeft
        for (index, name) in series.enumerated() {
            svg +=
                "<rect class=\"legend-swatch\" x=\"\(n(legendX))\" y=\"24\" width=\"12\" height=\"12\" "
                + "fill=\"\(Self.palette[index % Self.palette.count])\"/>"
            svg +=
                "<text class=\"legend\" x=\"\(n(legendX + 16))\" y=\"34\" font-size=\"12\">\(HTML.escape(name))</text>"
            legendX += 24 + Double(TextTable.width(name)) * 7
        }
        if groups.isEmpty {
            svg +=
                "<text class=\"no-data\" x=\"\(n((Self.plotLeft + Self.plotRight) / 2))\" "
                + "y=\"\(n((Self.plotTop + Self.plotBottom) / 2))\" text-anchor=\"middle\" font-size=\"14\" "
                + "fill=\"#888\">\(HTML.escape(emptyText))</text>"
        }
        let groupWidth = (Self.plotRight - Self.plotLeft) / Double(max(groups.count, 1))
        let barWidth = groupWidth * 0.8 / Double(max(series.count, 1))
        for (groupIndex, group) in groups.enumerated() {
            let groupLeft = Self.plotLeft + Double(groupIndex) * groupWidth
            for (barIndex, bar) in group.bars.enumerated() {
                let x = groupLeft + groupWidth * 0.1 + Double(barIndex) * barWidth
                if let value = bar.value {
                    // A zero is drawn as a hairline on the axis, so it reads as "0", not as missing.
                    let y = min(Self.y(value, axisMax: axisMax), Self.plotBottom - 1)
                    svg +=
                        "<rect class=\"bar\" x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(barWidth - 1, 1)))\" "
                        + "height=\"\(n(Self.plotBottom - y))\" fill=\"\(Self.palette[barIndex % Self.palette.count])\">"
                        + "<title>\(HTML.escape(bar.label))</title></rect>"
                } else {
                    svg +=
                        "<text class=\"no-data\" x=\"\(n(x + barWidth / 2))\" y=\"\(n(Self.plotBottom - 3))\" "
                        + "text-anchor=\"middle\" font-size=\"10\" fill=\"#999\"><title>\(HTML.escape(bar.label))</title>–</text>"
                }
            }
            let labelX = groupLeft + groupWidth / 2
            let labelY = Self.plotBottom + 16
            svg +=
                "<text class=\"group-label\" x=\"\(n(labelX))\" y=\"\(n(labelY))\" text-anchor=\"end\" font-size=\"12\" "
                + "transform=\"rotate(-30 \(n(labelX)) \(n(labelY)))\">\(HTML.escape(group.name))</text>"
        }
        if let threshold {
            let y = Self.y(threshold.value, axisMax: axisMax)
            svg +=
                "<line id=\"\(HTML.escape(id))-threshold\" class=\"threshold\" x1=\"\(n(Self.plotLeft))\" "
                + "x2=\"\(n(Self.plotRight))\" y1=\"\(n(y))\" y2=\"\(n(y))\" stroke=\"#d62728\" stroke-width=\"2\" "
                + "stroke-dasharray=\"6 4\"/>"
            svg +=
                "<text class=\"threshold-label\" x=\"\(n(Self.plotRight - 4))\" y=\"\(n(y - 6))\" text-anchor=\"end\" "
                + "font-size=\"12\" fill=\"#d62728\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">"
                + "\(HTML.escape(threshold.label))</text>"
        }
        return svg + "</svg>"
    }
}
