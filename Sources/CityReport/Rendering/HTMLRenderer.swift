public import SharedDomain

/// The report as one self-contained HTML page: inline CSS and inline SVG only, no script, no
/// external font or image, so it can be mailed or archived as one file and opened anywhere.
/// Every text from the data is escaped.
public struct HTMLRenderer: Sendable {
    public var timeZone: CityTimeZone

    public init(timeZone: CityTimeZone = .shanghai) {
        self.timeZone = timeZone
    }

    /// The ids of the two charts' `<svg>` elements.
    public static let lossRateChartId = "chart-loss-rate"
    public static let caseVolumeChartId = "chart-case-volume"

    static let style = """
        body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei","PingFang SC",sans-serif;\
        margin:2em auto;max-width:1000px;color:#222;line-height:1.5;padding:0 1em}
        h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #b22;padding-bottom:.2em;margin-top:2em}
        h3{font-size:1.05em;margin:1.2em 0 .4em}.subtitle{color:#666;margin-top:0}
        table{border-collapse:collapse;margin:.5em 0;font-size:.9em}th,td{border:1px solid #ddd;padding:.25em .6em}
        th{background:#f4f4f4;text-align:left}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        tbody tr:nth-child(even){background:#fbfbfb}.verdict{font-weight:bold}.achieved{color:#1a7f37}
        .not-achieved{color:#b22}.undetermined{color:#666}.level-red{color:#fff;background:#c62828;padding:0 .4em}
        .level-yellow{background:#f9d71c;padding:0 .4em}.note{color:#666;font-size:.9em}
        figure{margin:1em 0}figcaption{color:#555;font-size:.9em}svg.chart{max-width:100%;height:auto}
        nav ol{columns:2;font-size:.9em}footer{margin-top:3em;color:#888;font-size:.85em}
        """

    public func render(_ report: Report) -> String {
        let e = HTML.escape
        var body = "<header><h1>\(e(ReportText.title(report)))</h1>"
        body += "<p class=\"subtitle\">\(e(ReportText.subtitle(report, timeZone: timeZone)))</p></header>"
        let sections: [(id: String, title: String, html: String)] = [
            ("indicators", "一、全市主要指标", indicators(report)),
            ("regions", "二、区县指标与双下降", regions(report)),
            ("quarterly", "三、分季度败诉率与发案量", quarterly(report)),
            ("agencies", "四、机关指标", agencies(report)),
            ("rankings", "五、考核排名", rankings(report)),
            ("warnings", "六、三色预警", warnings(report)),
            ("crossings", "七、超线与预测", crossings(report)),
            ("escalations", "八、约谈与检讨", escalations(report)),
            ("accountability", "九、追责问责统计", accountability(report)),
            ("opinions", "十、舆情处置时效", opinions(report)),
        ]
        body +=
            "<nav><ol>" + sections.map { "<li><a href=\"#\($0.id)\">\(e($0.title))</a></li>" }.joined() + "</ol></nav>"
        for section in sections {
            body += "<section id=\"\(section.id)\"><h2>\(e(section.title))</h2>\(section.html)</section>"
        }
        body += "<footer>由 sjctl report 根据收案、评估、追责三项服务的公开接口生成；比率均为“分子/分母（百分比）”。</footer>"
        return """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(ReportText.title(report)))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            \(body)
            </body>
            </html>

            """
    }

    static func verdictClass(_ verdict: DoubleDeclineFigure.Verdict) -> String {
        switch verdict {
        case .achieved: "achieved"
        case .notAchieved: "not-achieved"
        case .undetermined: "undetermined"
        }
    }

    func indicators(_ report: Report) -> String {
        let rows = ReportText.indicatorRows(report.city).map { [$0.0, $0.1, $0.2] }
        let decline = report.city.doubleDecline
        return HTML.table(["指标", "\(report.period)", report.yearEarlier.map { "\($0)" } ?? "同期"], rows)
            + "<p class=\"verdict \(Self.verdictClass(decline.verdict))\">双下降：\(HTML.escape(ReportText.verdict(decline)))</p>"
    }

    func regions(_ report: Report) -> String {
        guard !report.regions.isEmpty else { return "<p class=\"note\">（无区县）</p>" }
        let rows = report.regions.map { unit in
            [
                unit.name, "\(unit.current.caseVolume)", "\(unit.yearEarlier.caseVolume)", unit.current.lossRate.text,
                unit.yearEarlier.lossRate.text, unit.current.correctionRate.text, unit.current.appearanceRate.text,
                Labels.verdict(unit.doubleDecline.verdict),
            ]
        }
        // The verdict's sentence for each region under the table: too long for a cell.
        let sentences = report.regions.filter { !$0.doubleDecline.explanation.isEmpty }.map {
            "<li>\(HTML.escape($0.name))：\(HTML.escape($0.doubleDecline.explanation))</li>"
        }
        return HTML.table(["区县", "发案量", "同期", "败诉率", "同期", "复议纠错率", "出庭率", "双下降"], rows)
            + (sentences.isEmpty ? "" : "<ul class=\"note\">\(sentences.joined())</ul>")
    }

    func agencies(_ report: Report) -> String {
        var html = ""
        if report.agencies.isEmpty {
            html += "<p class=\"note\">（本期及同期均无案件）</p>"
        } else {
            let rows = report.agencies.map { unit in
                [
                    unit.name, unit.regionName, "\(unit.current.caseVolume)", "\(unit.yearEarlier.caseVolume)",
                    unit.current.lossRate.text, unit.current.correctionRate.text,
                    Labels.verdict(unit.doubleDecline.verdict),
                ]
            }
            html += HTML.table(["机关", "所属区县", "发案量", "同期", "败诉率", "复议纠错率", "双下降"], rows, leftColumns: 2)
        }
        if report.quietAgencies > 0 {
            html += "<p class=\"note\">另有 \(report.quietAgencies) 个机关本期及同期均无案件，未列出。</p>"
        }
        return html
    }

    func quarterly(_ report: Report) -> String {
        let figures = report.quarterly
        let quarters = figures.quarters.map { "\($0)" }
        let thresholdText = report.threshold.percent(decimals: 2)
        let rates = figures.regions.flatMap { $0.lossRates.compactMap(\.fraction) }
        let rateAxis = ChartAxis.rates(rates, threshold: report.threshold)
        let lossChart = BarChart(
            id: Self.lossRateChartId, title: "各区县分季度败诉率",
            description: "每组为一个区县，每根柱为一个季度的一审败诉率；红色虚线为 \(thresholdText) 约谈线；“–”为该季度无审结案件。",
            series: quarters,
            groups: figures.regions.map { row in
                BarChart.Group(
                    name: row.name,
                    bars: zip(quarters, row.lossRates).map { quarter, rate in
                        BarChart.Bar(value: rate.fraction?.value, label: "\(row.name) \(quarter)：败诉率 \(rate.text)")
                    })
            }, axisMax: rateAxis.maximum, ticks: rateAxis.ticks,
            threshold: BarChart.Threshold(value: report.threshold.value, label: "\(thresholdText) 约谈线"),
            emptyText: "无区县数据")
        let volumeAxis = ChartAxis.counts(figures.regions.flatMap(\.caseVolumes).max() ?? 0)
        let volumeChart = BarChart(
            id: Self.caseVolumeChartId, title: "各区县分季度发案量",
            description: "每组为一个区县，每根柱为一个季度新收一审行政诉讼案件数。", series: quarters,
            groups: figures.regions.map { row in
                BarChart.Group(
                    name: row.name,
                    bars: zip(quarters, row.caseVolumes).map { quarter, volume in
                        BarChart.Bar(value: Double(volume), label: "\(row.name) \(quarter)：发案量 \(volume) 件")
                    })
            }, axisMax: volumeAxis.maximum, ticks: volumeAxis.ticks, threshold: nil, emptyText: "无区县数据")
        var html =
            "<figure>\(lossChart.render())<figcaption>图1 各区县分季度一审败诉率（红色虚线：\(HTML.escape(thresholdText)) 约谈线）</figcaption></figure>"
        html += "<figure>\(volumeChart.render())<figcaption>图2 各区县分季度发案量</figcaption></figure>"
        let rows = [figures.city] + figures.regions
        html += "<h3>败诉率</h3>" + HTML.table(["单位"] + quarters, rows.map { [$0.name] + $0.lossRates.map(\.text) })
        html += "<h3>发案量</h3>" + HTML.table(["单位"] + quarters, rows.map { [$0.name] + $0.caseVolumes.map { "\($0)" } })
        return html
    }

    func rankings(_ report: Report) -> String {
        guard !report.rankings.isEmpty else { return "<p class=\"note\">（无）</p>" }
        return report.rankings.map { ranking in
            "<h3>\(HTML.escape(ReportText.rankingTitle(ranking)))</h3>"
                + (ranking.entries.isEmpty
                    ? "<p class=\"note\">（无）</p>"
                    : HTML.table(
                        ["名次", "单位", Labels.indicator(ranking.indicator)],
                        ranking.entries.map { [ReportText.rank($0.rank), $0.name, ReportText.value($0.value)] },
                        leftColumns: 2))
        }.joined()
    }

    func warnings(_ report: Report) -> String {
        let periods = ReportText.warningsByPeriod(report)
        guard !periods.isEmpty else { return "<p class=\"note\">（本期无预警数据）</p>" }
        var html = ""
        for (period, entries) in periods {
            html += "<h3>\(HTML.escape("\(period)：\(ReportText.warningCounts(entries))"))</h3>"
            let shown = entries.filter { $0.level != .green }
            guard !shown.isEmpty else { continue }
            html += "<table><thead><tr><th>预警</th><th>单位</th><th class=\"num\">败诉率</th><th class=\"num\">全市</th>"
            html += "<th>原因</th></tr></thead><tbody>"
            for warning in shown {
                let level = warning.level == .red ? "level-red" : "level-yellow"
                html += "<tr><td><span class=\"\(level)\">\(HTML.escape(Labels.level(warning.level)))</span></td>"
                html +=
                    "<td>\(HTML.escape(warning.unitName))</td><td class=\"num\">\(HTML.escape(warning.lossRate.text))</td>"
                html += "<td class=\"num\">\(HTML.escape(warning.cityLossRate.text))</td>"
                html += "<td>\(HTML.escape(warning.reasons.joined(separator: "；")))</td></tr>"
            }
            html += "</tbody></table>"
        }
        return html
    }

    func crossings(_ report: Report) -> String {
        var html = "<h3>\(HTML.escape("超过 \(report.threshold.percent(decimals: 2)) 约谈线的季度"))</h3>"
        html += "<p class=\"note\">\(HTML.escape(ReportText.crossingNote))</p>"
        html +=
            report.crossings.isEmpty
            ? "<p class=\"note\">（无）</p>"
            : HTML.table(
                ["区县", "季度", "败诉率", "年内第几次", "对应措施"],
                report.crossings.map {
                    [
                        $0.regionName, "\($0.quarter)", $0.lossRate.text, "第 \($0.occurrence) 次",
                        Labels.escalation($0.escalation),
                    ]
                }, leftColumns: 2)
        html += "<h3>预测将超线的季度（预测预警）</h3>"
        html +=
            report.forecasts.isEmpty
            ? "<p class=\"note\">（无）</p>"
            : HTML.table(
                ["区县", "季度", "预测败诉率（区间）", "说明"],
                report.forecasts.map {
                    [$0.regionName, "\($0.quarter)", ReportText.forecastRange($0), $0.explanation]
                },
                leftColumns: 2)
        return html
    }

    func escalations(_ report: Report) -> String {
        guard !report.escalations.isEmpty else { return "<p class=\"note\">（无）</p>" }
        return HTML.table(
            ["区县", "季度", "措施", "第几次", "败诉率", "状态", "开展情况"],
            report.escalations.map {
                [
                    $0.regionName, "\($0.quarter)", Labels.escalation($0.kind), "第 \($0.occurrence) 次",
                    $0.lossRate.text,
                    Labels.status($0.status), ReportText.escalationHeld($0),
                ]
            }, leftColumns: 3)
    }

    func accountability(_ report: Report) -> String {
        guard !report.accountability.isEmpty else { return "<p class=\"note\">（无）</p>" }
        var html = HTML.table(ReportText.accountabilityHeaders, report.accountability.map(ReportText.accountabilityRow))
        if let city = report.accountability.first(where: \.isCity), !city.byDisposition.isEmpty {
            html +=
                "<p>全市处理决定按情形："
                + HTML.escape(city.byDisposition.map { "\($0.label) \($0.count)" }.joined(separator: "，")) + "</p>"
        }
        return html
    }

    func opinions(_ report: Report) -> String {
        guard !report.opinions.departments.isEmpty else { return "<p class=\"note\">（本期无到期的舆情处置时限）</p>" }
        let deadlines = OpinionComplianceFigures.Deadline.allCases
        return HTML.table(ReportText.complianceHeaders, report.opinions.totals.map(ReportText.complianceRow))
            + HTML.table(
                ["涉事部门", "总体按时率"] + deadlines.map(Labels.deadline),
                report.opinions.departments.map { department in
                    [department.name, department.overall.text]
                        + deadlines.map { ReportText.departmentCell(department, $0) }
                })
    }
}
