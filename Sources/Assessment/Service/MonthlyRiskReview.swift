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

    let rules: AssessmentRules
    let timeZone: CityTimeZone

    /// - Parameter now: commit time (ms) of the change about to be applied, or the wall clock.
    func review(_ tx: WriteTransaction, now: Int64) throws {
        guard let today = timeZone.date(of: Instant(milliseconds: now)) else { return }
        let month = Int64(today.key / 100)
        // The first change seen starts the count; there is nothing to review before it.
        guard let reviewed = try CaseRiskTable.reviewedMonth(tx) else {
            try CaseRiskTable.setReviewedMonth(tx, month)
            return
        }
        guard month > reviewed, let day = CivilDate(year: today.year, month: today.month, day: 1) else { return }
        try CaseRiskTable.setReviewedMonth(tx, month)
        try scoreClosings(tx, before: day)
        let (inputs, stored) = try RiskOutlook.Inputs.load(tx, on: day, rules: rules.risk)
        let outlook = RiskOutlook(
            inputs, risk: rules.risk, forecast: rules.forecast, threshold: rules.escalation.threshold)
        let sequence = try AssessmentService.intakeSequence(tx)
        let assessedAt = timeZone.start(of: day)
        for (row, assessed) in zip(stored, outlook.assessments) {
            let risk = assessed.risk
            if row.level != Int64(risk.level.rawValue) || row.scoreTenths != risk.scoreTenths {
                try CaseRiskTable.setAssessed(
                    tx, key: row.facts.caseKey, level: risk.level, scoreTenths: risk.scoreTenths)
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
    }

    /// Gives each case concluded in the history window that has none its closing score: the score
    /// as of its closing day (RiskOutlook.closingDay), from the state now. Scored here, once a
    /// month, rather than as each conclusion arrives, so one history serves every case of a month.
    private func scoreClosings(_ tx: WriteTransaction, before day: CivilDate) throws {
        let window = CaseRiskHistory.window(before: day, months: rules.risk.historyMonths)
        let scorer = CaseRiskScorer(rules: rules.risk)
        var histories: [Int64: CaseRiskHistory] = [:]
        for stored in try CaseRiskTable.unscored(tx, concludedIn: window) {
            guard let closing = RiskOutlook.closingDay(of: stored.facts) else { continue }
            let month = Int64(closing.key / 100)
            let history = try histories[month] ?? CaseRiskHistory.load(tx, asOf: closing, rules: rules.risk)
            histories[month] = history
            let score = scorer.assess(stored.facts, history: history, on: closing).scoreTenths
            try CaseRiskTable.setClosingScore(tx, key: stored.facts.caseKey, scoreTenths: score)
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
