internal import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

/// Records a case's level as evaluated on feed time and raises HIGH_RISK_CASE the first time an
/// open case's level becomes RED (once per case, whatever happens to its level later).
enum HighRiskCaseAlert {
    typealias V1 = Shuangjiang.Assessment.V1

    static func record(
        _ tx: WriteTransaction, _ stored: CaseRiskTable.Stored, risk: CaseRisk, rules: CaseRiskRules, day: CivilDate,
        assessedAt: Instant, intakeSequence: Int64
    ) throws {
        let previous = stored.level
        try CaseRiskTable.setAssessed(tx, key: stored.facts.caseKey, level: risk.level, scoreTenths: risk.scoreTenths)
        guard risk.level == .red, previous != Int64(CaseRisk.Level.red.rawValue) else { return }
        let facts = stored.facts
        let caseId = ResourceKind.case.format(facts.caseKey)
        var found = V1.HighRiskCaseFound()
        found.assessment = risk.message(
            facts, rules: rules, version: stored.version, assessedAt: assessedAt, intakeSequence: intakeSequence)
        found.previousLevel = CaseRisk.Level.stored(previous)
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
