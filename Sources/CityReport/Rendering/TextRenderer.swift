public import SharedDomain

/// The report as plain text for a terminal or a file: numbered sections, aligned tables, every
/// rate as its exact pair first ("7/156 (4.49%)").
public struct TextRenderer: Sendable {
    public var timeZone: CityTimeZone

    public init(timeZone: CityTimeZone = .shanghai) {
        self.timeZone = timeZone
    }

    public func render(_ report: Report) -> String {
        var out: [String] = [ReportText.title(report), ReportText.subtitle(report, timeZone: timeZone), ""]
        func section(_ title: String, _ body: [String]) {
            out.append(title)
            out += body
            out.append("")
        }
        let earlier = report.yearEarlier.map { "\($0)" } ?? "同期"

        var indicators = TextTable(["指标", "\(report.period)", earlier])
        for (label, now, then) in ReportText.indicatorRows(report.city) { indicators.add([label, now, then]) }
        section(
            "一、全市主要指标 (Indicators)",
            [indicators.render(), "  双下降：\(ReportText.verdict(report.city.doubleDecline))"])

        var regions = TextTable(["区县", "发案量", "同期", "败诉率", "同期", "复议纠错率", "出庭率", "双下降"])
        for unit in report.regions {
            regions.add([
                unit.name, "\(unit.current.caseVolume)", "\(unit.yearEarlier.caseVolume)", unit.current.lossRate.text,
                unit.yearEarlier.lossRate.text, unit.current.correctionRate.text, unit.current.appearanceRate.text,
                Labels.verdict(unit.doubleDecline.verdict),
            ])
        }
        section("二、区县指标与双下降 (Regions)", report.regions.isEmpty ? ["  （无区县）"] : [regions.render()])

        section("三、分季度败诉率与发案量 (By quarter)", quarterly(report))

        var agencies = TextTable(["机关", "所属区县", "发案量", "同期", "败诉率", "复议纠错率", "双下降"])
        for unit in report.agencies {
            agencies.add([
                unit.name, unit.regionName, "\(unit.current.caseVolume)", "\(unit.yearEarlier.caseVolume)",
                unit.current.lossRate.text, unit.current.correctionRate.text,
                Labels.verdict(unit.doubleDecline.verdict),
            ])
        }
        var agencyBody = report.agencies.isEmpty ? ["  （本期及同期均无案件）"] : [agencies.render()]
        if report.quietAgencies > 0 { agencyBody.append("  另有 \(report.quietAgencies) 个机关本期及同期均无案件，未列出。") }
        section("四、机关指标 (Agencies)", agencyBody)

        var rankings: [String] = []
        for ranking in report.rankings {
            rankings.append("  \(ReportText.rankingTitle(ranking))")
            var table = TextTable(
                ["名次", "单位", Labels.indicator(ranking.indicator)], alignments: [.right, .left, .right])
            for entry in ranking.entries {
                table.add([ReportText.rank(entry.rank), entry.name, ReportText.value(entry.value)])
            }
            rankings.append(ranking.entries.isEmpty ? "    （无）" : table.render(indent: "    "))
        }
        section("五、考核排名 (Rankings)", rankings)

        var warnings: [String] = []
        for (period, entries) in ReportText.warningsByPeriod(report) {
            warnings.append("  \(period)：\(ReportText.warningCounts(entries))")
            var table = TextTable(["预警", "单位", "败诉率", "全市", "原因"], alignments: [.left, .left, .right, .right, .left])
            for warning in entries where warning.level != .green {
                table.add([
                    Labels.level(warning.level), warning.unitName, warning.lossRate.text, warning.cityLossRate.text,
                    warning.reasons.joined(separator: "；"),
                ])
            }
            if entries.contains(where: { $0.level != .green }) { warnings.append(table.render(indent: "    ")) }
        }
        section("六、三色预警 (Warnings)", warnings.isEmpty ? ["  （本期无预警数据）"] : warnings)

        var lines: [String] = [
            "  超过 \(report.threshold.percent(decimals: 2)) 约谈线的季度：", "    \(ReportText.crossingNote)",
        ]
        if report.crossings.isEmpty {
            lines.append("    （无）")
        } else {
            var table = TextTable(
                ["区县", "季度", "败诉率", "年内第几次", "对应措施"], alignments: [.left, .left, .right, .right, .left])
            for crossing in report.crossings {
                table.add([
                    crossing.regionName, "\(crossing.quarter)", crossing.lossRate.text, "第 \(crossing.occurrence) 次",
                    Labels.escalation(crossing.escalation),
                ])
            }
            lines.append(table.render(indent: "    "))
        }
        lines.append("  预测将超线的季度（预测预警）：")
        if report.forecasts.isEmpty {
            lines.append("    （无）")
        } else {
            var table = TextTable(["区县", "季度", "预测败诉率（区间）", "说明"], alignments: [.left, .left, .right, .left])
            for forecast in report.forecasts {
                table.add([
                    forecast.regionName, "\(forecast.quarter)", ReportText.forecastRange(forecast),
                    forecast.explanation,
                ])
            }
            lines.append(table.render(indent: "    "))
        }
        section("七、超线与预测 (Crossings and forecasts)", lines)

        var escalations = TextTable(
            ["区县", "季度", "措施", "第几次", "败诉率", "状态", "开展情况"],
            alignments: [.left, .left, .left, .right, .right, .left, .left])
        for entry in report.escalations {
            escalations.add([
                entry.regionName, "\(entry.quarter)", Labels.escalation(entry.kind), "第 \(entry.occurrence) 次",
                entry.lossRate.text, Labels.status(entry.status), ReportText.escalationHeld(entry),
            ])
        }
        section("八、约谈与检讨 (Escalations)", report.escalations.isEmpty ? ["  （无）"] : [escalations.render()])

        var accountability = TextTable(ReportText.accountabilityHeaders)
        for figures in report.accountability { accountability.add(ReportText.accountabilityRow(figures)) }
        var accountabilityBody = [accountability.render()]
        if let city = report.accountability.first(where: \.isCity), !city.byDisposition.isEmpty {
            accountabilityBody.append(
                "  全市处理决定按情形：" + city.byDisposition.map { "\($0.label) \($0.count)" }.joined(separator: "，"))
        }
        section("九、追责问责统计 (Accountability)", report.accountability.isEmpty ? ["  （无）"] : accountabilityBody)

        var totals = TextTable(ReportText.complianceHeaders)
        for figure in report.opinions.totals { totals.add(ReportText.complianceRow(figure)) }
        var departments = TextTable(
            ["涉事部门", "总体按时率"] + OpinionComplianceFigures.Deadline.allCases.map(Labels.deadline))
        for department in report.opinions.departments {
            departments.add(
                [department.name, department.overall.text]
                    + OpinionComplianceFigures.Deadline.allCases.map { ReportText.departmentCell(department, $0) })
        }
        section(
            "十、舆情处置时效 (Opinion compliance)",
            report.opinions.departments.isEmpty ? ["  （本期无到期的舆情处置时限）"] : [totals.render(), "", departments.render()])
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

    func quarterly(_ report: Report) -> [String] {
        let figures = report.quarterly
        guard !figures.quarters.isEmpty else { return ["  （无）"] }
        let rows = [figures.city] + figures.regions
        var rates = TextTable(["败诉率"] + figures.quarters.map { "\($0)" })
        var volumes = TextTable(["发案量"] + figures.quarters.map { "\($0)" })
        for row in rows {
            rates.add([row.name] + row.lossRates.map(\.text))
            volumes.add([row.name] + row.caseVolumes.map { "\($0)" })
        }
        return [
            rates.render(), "  （约谈线 \(report.threshold.percent(decimals: 2))；“—”为该季度无审结案件）", "", volumes.render(),
        ]
    }
}
