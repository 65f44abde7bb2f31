internal import Messages
internal import ServiceKit
internal import SharedDomain

extension ReferralOpening {
    /// What an alert says the clue concerns: its case (and, for a lost case, the loss) or its
    /// opinion incident.
    mutating func concern(_ alert: Shuangjiang.Assessment.V1.Alert) {
        switch alert.details {
        case .caseLost(let lost):
            caseId = lost.caseId
            keys.caseKey = ResourceKind.case.parse(lost.caseId)
            if let key = keys.caseKey, let day = CivilDate(lost.concludedOn) { loss = (key, day) }
        case .highRiskCase(let found):
            caseId = found.assessment?.caseId ?? ""
            keys.caseKey = ResourceKind.case.parse(caseId)
        case .opinionDeadlineMissed(let missed):
            opinionId = missed.opinionId
            keys.opinionKey = ResourceKind.opinion.parse(missed.opinionId)
        case .opinionDeadlineMissedWithdrawn(let withdrawn):
            opinionId = withdrawn.opinionId
            keys.opinionKey = ResourceKind.opinion.parse(withdrawn.opinionId)
        case .lossRateThresholdCrossed, .redWarning, .projectedCrossing, nil:
            break
        }
    }
}
