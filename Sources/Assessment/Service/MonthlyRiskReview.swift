internal import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

/// The monthly risk review, on feed time: the first time feed time is in a month later than the
/// one last reviewed (before the first change committed in it, or by the timer once caught up),
/// every open case is scored as of that month's first day (HIGH_RISK_CASE for those now RED) and
/// each region's loss rate is projected for the current and the next quarter
/// (PROJECTED_CROSSING, once per region and quarter, when the central estimate is above the
/// escalation line). Cases concluded since get their closing score first, for the calibration. The review day is the month's first day whatever the moment, and the state
/// is every change committed before it, so a replay raises the same alerts.
struct MonthlyRiskReview {
    typealias V1 = Shuangjiang.Assessment.V1

    struct Outcome {
        let month: Int64
        let history: CaseRiskHistory
    }

    let rules: AssessmentRules
    let timeZone: CityTimeZone

    /// - Parameters:
    ///   - now: commit time (ms) of the change about to be applied, or the wall clock.
    ///   - known: a history the caller holds that is exactly what ``CaseRiskHistory/load`` would
    ///     read now for its month (the projection's, kept in step with every change), so it is
    ///     not read again for the closing scores of that month.
    ///   - rows: where case_risk's rows are read and the levels and scores written
    ///     (``CaseRiskRows``): the table, or a write's rows in memory.
    /// - Returns: when a review ran, the history of its month (as a fresh read would give it,
    ///   for the caller to keep in step from here).
    @discardableResult
    func review(
        _ tx: WriteTransaction, now: Int64, known: (month: Int64, history: CaseRiskHistory)? = nil,
        rows: inout some CaseRiskRows
    ) throws -> Outcome? {
        guard let today = timeZone.date(of: Instant(milliseconds: now)) else { return nil }
        let month = Int64(today.key / 100)
        // The first change seen starts the count; there is nothing to review before it.
        guard let reviewed = try CaseRiskTable.reviewedMonth(tx) else {
            try CaseRiskTable.setReviewedMonth(tx, month)
            return nil
        }
        guard month > reviewed, let day = CivilDate(year: today.year, month: today.month, day: 1) else { return nil }
        try CaseRiskTable.setReviewedMonth(tx, month)
        try scoreClosings(tx, before: day, known: known, rows: &rows)
        let (inputs, stored) = try RiskOutlook.Inputs.load(tx, on: day, rules: rules.risk, rows: &rows)
        let outlook = RiskOutlook(
            inputs, risk: rules.risk, forecast: rules.forecast, threshold: rules.escalation.threshold, explained: false)
        let sequence = try AssessmentService.intakeSequence(tx)
        let assessedAt = timeZone.start(of: day)
        for (row, assessed) in zip(stored, outlook.assessments) {
            let risk = assessed.risk
            if row.level != Int64(risk.level.rawValue) || row.scoreTenths != risk.scoreTenths {
                try rows.setAssessed(tx, key: row.facts.caseKey, level: risk.level, scoreTenths: risk.scoreTenths)
            }
            try HighRiskCaseAlert.raiseIfNewlyRed(
                tx, row, previousLevel: row.level, risk: risk, history: inputs.history, rules: rules.risk, day: day,
                assessedAt: assessedAt, intakeSequence: sequence)
        }
        let names = Dictionary(
            try tx.fetchAll("SELECT id, name FROM regions").map {
                (try $0.get(0, as: Int64.self), try $0.get(1, as: String.self))
            }, uniquingKeysWith: { first, _ in first })
        for projection in outlook.projections where projection.crosses {
            try raise(tx, projection, name: names[projection.regionKey] ?? "")
        }
        // Neither the levels and scores written above nor the alerts are part of a history.
        return Outcome(month: month, history: inputs.history)
    }

    /// The review on case_risk itself (the judging timer's, outside the follower's writes).
    @discardableResult
    func review(_ tx: WriteTransaction, now: Int64) throws -> Outcome? {
        var rows = StoredCaseRisk()
        return try review(tx, now: now, rows: &rows)
    }

    /// Gives each case concluded in the history window that has none its closing score: the score
    /// as of its closing day (RiskOutlook.closingDay), from the state now. Scored here, once a
    /// month, rather than as each conclusion arrives, so one history serves every case of a month.
    private func scoreClosings(
        _ tx: WriteTransaction, before day: CivilDate, known: (month: Int64, history: CaseRiskHistory)?,
        rows: inout some CaseRiskRows
    ) throws {
        let window = CaseRiskHistory.window(before: day, months: rules.risk.historyMonths)
        let scorer = CaseRiskScorer(rules: rules.risk, explained: false)
        var histories: [Int64: CaseRiskHistory] = [:]
        if let known { histories[known.month] = known.history }
        for stored in try rows.unscored(tx, concludedIn: window) {
            guard let closing = RiskOutlook.closingDay(of: stored.facts) else { continue }
            let month = Int64(closing.key / 100)
            let history = try histories[month] ?? rows.history(tx, asOf: closing, rules: rules.risk)
            histories[month] = history
            let score = scorer.assess(stored.facts, history: history, on: closing).scoreTenths
            try rows.setClosingScore(tx, key: stored.facts.caseKey, scoreTenths: score)
        }
    }

    private func raise(_ tx: WriteTransaction, _ projection: RiskOutlook.Projection, name: String) throws {
        let forecast = projection.forecast
        let regionId = ResourceKind.region.format(projection.regionKey)
        let threshold = rules.escalation.threshold
        var details = V1.ProjectedCrossing()
        details.regionId = regionId
        details.quarter = Shuangjiang.Common.V1.Period(forecast.quarter)
        details.projectedRate = forecast.rate ?? 0
        details.low = forecast.low
        details.high = forecast.high
        details.threshold = threshold.value
        details.explanation = forecast.explanation(threshold: threshold)
        var alert = V1.Alert()
        alert.kind = .projectedCrossing
        alert.subject = .region(regionId, name: name)
        alert.details = .projectedCrossing(details)
        try AlertLog.raise(
            tx, key: "projected/\(regionId)/\(forecast.quarter)", alert, regionKey: projection.regionKey,
            period: forecast.quarter)
    }
}
