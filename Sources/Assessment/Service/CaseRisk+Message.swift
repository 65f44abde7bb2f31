internal import Messages
internal import ServiceKit
internal import SharedDomain

extension CaseRisk.Level {
    var message: Shuangjiang.Common.V1.RiskLevel {
        switch self {
        case .red: .red
        case .yellow: .yellow
        case .green: .green
        }
    }

    /// From the stored number (0: never evaluated).
    static func stored(_ value: Int64) -> Shuangjiang.Common.V1.RiskLevel {
        CaseRisk.Level(rawValue: Int(value))?.message ?? .unspecified
    }
}

extension CaseRisk {
    /// case_risk.proto's CaseAssessment.
    func message(
        _ facts: CaseRiskFacts, rules: CaseRiskRules, version: Int64, assessedAt: Instant, intakeSequence: Int64
    ) -> Shuangjiang.Assessment.V1.CaseAssessment {
        var assessment = Shuangjiang.Assessment.V1.CaseAssessment()
        assessment.caseId = ResourceKind.case.format(facts.caseKey)
        assessment.docketNumber = facts.docketNumber
        assessment.regionId = ResourceKind.region.format(facts.regionKey)
        assessment.defendantAgencyId = ResourceKind.agency.format(facts.agencyKey)
        assessment.riskLevel = level.message
        assessment.score = score
        assessment.factors = factors.map { factor in
            var message = Shuangjiang.Assessment.V1.RiskFactor()
            message.name = factor.factor.name
            message.label = factor.factor.label
            message.weight = factor.weight
            message.points = factor.points
            message.explanation = factor.explanation
            return message
        }
        assessment.redThreshold = rules.redThreshold
        assessment.yellowThreshold = rules.yellowThreshold
        assessment.caseVersion = version
        assessment.assessedAt = assessedAt.timestamp
        assessment.intakeSequence = intakeSequence
        return assessment
    }
}
