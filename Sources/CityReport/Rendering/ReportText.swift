internal import SharedDomain

/// Words and numbers both renderers print, so the text and the HTML page say the same thing.
enum ReportText {
    static func title(_ report: Report) -> String {
        "\(report.cityName)\(Labels.period(report.period))行政诉讼“双下降”工作报告"
    }

    static func subtitle(_ report: Report, timeZone: CityTimeZone) -> String {
        var parts = ["报告期 \(report.period)"]
        if let earlier = report.yearEarlier { parts.append("同期 \(earlier)") }
        parts.append("数据截至收案变更序号 \(report.intakeSequence)")
        if let computed = report.computedAt { parts.append("计算于 \(instant(computed, timeZone))") }
        return parts.joined(separator: " · ")
    }

    /// "2024-01-05 10:00 Asia/Shanghai".
    static func instant(_ instant: Instant, _ timeZone: CityTimeZone) -> String {
        guard let day = timeZone.date(of: instant) else { return "\(instant)" }
        let local = instant.seconds + timeZone.utcOffsetSeconds
        let secondOfDay = ((local % 86_400) + 86_400) % 86_400
        let hour = secondOfDay / 3600
        let minute = secondOfDay % 3600 / 60
        return "\(day) \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute) \(timeZone)"
    }

    /// The indicator rows of the city table: label, current value, year-earlier value.
    static func indicatorRows(_ unit: UnitFigures) -> [(String, String, String)] {
        let now = unit.current
        let then = unit.yearEarlier
        return [
            ("发案量（一审行政诉讼收案）", "\(now.caseVolume)", "\(then.caseVolume)"),
            (
                "败诉率（\(now.lossRate.formula.isEmpty ? "默认口径" : now.lossRate.formula)）", now.lossRate.text,
                then.lossRate.text
            ),
            ("复议收案量", "\(now.reconsiderationVolume)", "\(then.reconsiderationVolume)"),
            ("复议直接纠错率", now.correctionRate.text, then.correctionRate.text),
            ("复议综合纠错率", now.comprehensiveCorrectionRate.text, then.comprehensiveCorrectionRate.text),
            ("负责人出庭率", now.appearanceRate.text, then.appearanceRate.text),
            ("出声率", now.speakRate.text, then.speakRate.text),
            ("调撤率", now.mediationWithdrawalRate.text, then.mediationWithdrawalRate.text),
            ("上诉率", now.appealRate.text, then.appealRate.text),
            ("改变行政行为后撤诉（件）", "\(now.withdrawnAfterChange)", "\(then.withdrawnAfterChange)"),
            ("因上级审改判而修订（件）", "\(now.revised)", "\(then.revised)"),
        ]
    }

    static func verdict(_ decline: DoubleDeclineFigure) -> String {
        decline.explanation.isEmpty ? Labels.verdict(decline.verdict) : decline.explanation
    }

    static func value(_ value: Ranking.Value) -> String {
        switch value {
        case .rate(let rate): rate.text
        case .count(let count): "\(count)"
        }
    }

    static func rankingTitle(_ ranking: Ranking) -> String {
        let direction = ranking.descending ? "高者居前" : "低者居前"
        return "\(Labels.unitKind(ranking.unitKind))\(Labels.indicator(ranking.indicator))排名（\(direction)）"
    }

    /// Why a quarter over the line may be missing: assessment judges each quarter once, after it
    /// has closed and the grace period for late conclusions has passed.
    static let crossingNote = "评估服务在季度结束、补录宽限期届满后对每个季度判定一次；尚未判定的季度不在此列。"

    static func rank(_ rank: Int) -> String { rank > 0 ? "\(rank)" : "—" }

    static func percent(_ value: Double) -> String {
        let tenths = Int64((value * 1000).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))%"
    }

    static func forecastRange(_ forecast: Forecast) -> String {
        "\(percent(forecast.projectedRate))（\(percent(forecast.low))–\(percent(forecast.high))）"
    }

    static func escalationHeld(_ entry: EscalationEntry) -> String {
        switch entry.status {
        case .completed:
            [entry.heldOn.map { "\($0)" }, entry.conductedBy.isEmpty ? nil : entry.conductedBy].compactMap { $0 }
                .joined(separator: " ")
        case .cancelled: entry.summary
        case .pending: entry.convener.isEmpty ? "" : "召集：\(entry.convener)"
        }
    }

    static func accountabilityRow(_ figures: AccountabilityFigures) -> [String] {
        [
            figures.scopeName, "\(figures.cluesReferred)", "\(figures.investigationsStarted)",
            "\(figures.opinionsProposed)", "\(figures.decisionsExecuted)", "\(figures.casesHeldAccountable)",
            "\(figures.personsHandled)", "\(figures.unitOnlyCases)", "\(figures.escalationsHeld)",
            "\(figures.supervisionsOpened)/\(figures.supervisionsClosed)",
        ]
    }

    static let accountabilityHeaders = [
        "范围", "移送线索", "开展调查", "提出处理意见", "执行处理决定", "追责案件", "处理党员干部", "仅单位追责", "约谈检讨", "督办开/销",
    ]

    static func complianceRow(_ figure: OpinionComplianceFigures.DeadlineFigure) -> [String] {
        [
            Labels.deadline(figure.deadline), figure.onTime.text, "\(figure.met)", "\(figure.missed)",
            "\(figure.pending)",
        ]
    }

    static let complianceHeaders = ["时限", "按时率", "按时", "超时", "未到期"]

    /// The departments' on-time rate for one deadline, "—" when none applied.
    static func departmentCell(
        _ department: OpinionComplianceFigures.Department, _ deadline: OpinionComplianceFigures.Deadline
    )
        -> String
    {
        department.deadlines.first { $0.deadline == deadline }?.onTime.text ?? "—"
    }

    static func warningCounts(_ warnings: [WarningEntry]) -> String {
        let red = warnings.filter { $0.level == .red }.count
        let yellow = warnings.filter { $0.level == .yellow }.count
        let green = warnings.filter { $0.level == .green }.count
        return "红色 \(red) 个，黄色 \(yellow) 个，绿色 \(green) 个"
    }

    /// The report's periods of warnings, in order, with theirs.
    static func warningsByPeriod(_ report: Report) -> [(CalendarPeriod, [WarningEntry])] {
        var periods: [CalendarPeriod] = []
        for warning in report.warnings where !periods.contains(warning.period) { periods.append(warning.period) }
        return periods.map { period in (period, report.warnings.filter { $0.period == period }) }
    }
}
