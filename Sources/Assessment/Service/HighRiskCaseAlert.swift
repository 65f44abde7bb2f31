internal import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

/// HIGH_RISK_CASE: raised the first time an open case's level, evaluated on feed time, becomes RED
/// (once per case, whatever happens to its level later).
enum HighRiskCaseAlert {
    typealias V1 = Shuangjiang.Assessment.V1

    /// Raises the alert if `risk` (scored without explanations) makes the case RED from
    /// `previousLevel` (the stored number; 0 never evaluated); the alert's assessment is scored
    /// again with them.
    static func raiseIfNewlyRed(
        _ tx: WriteTransaction, _ stored: CaseRiskTable.Stored, previousLevel: Int64, risk: CaseRisk,
        history: CaseRiskHistory, rules: CaseRiskRules, day: CivilDate, assessedAt: Instant, intakeSequence: Int64
    ) throws {
        guard risk.level == .red, previousLevel != Int64(CaseRisk.Level.red.rawValue) else { return }
        let facts = stored.facts
        let explained = CaseRiskScorer(rules: rules).assess(facts, history: history, on: day)
        let caseId = ResourceKind.case.format(facts.caseKey)
        var found = V1.HighRiskCaseFound()
        found.assessment = explained.message(
            facts, rules: rules, version: stored.version, assessedAt: assessedAt, intakeSequence: intakeSequence)
        found.previousLevel = CaseRisk.Level.stored(previousLevel)
        var subject = V1.AlertSubject()
        subject.target = .caseId(caseId)
        subject.displayName = facts.docketNumber
        var alert = V1.Alert()
        alert.kind = .highRiskCase
        alert.subject = subject
        alert.details = .highRiskCase(found)
        try AlertLog.raise(
            tx, key: "high_risk/\(caseId)", alert, regionKey: facts.regionKey, period: .month(containing: day))
    }
}
