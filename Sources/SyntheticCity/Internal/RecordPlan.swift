internal import Messages
internal import SharedDomain

/// A case record as planned: filing fields, the full planned events, and the loss model's inputs.
struct RecordPlan: Sendable {
    typealias V1 = Shuangjiang.Intake.V1

    /// Creation order, which breaks ties between records filed the same day.
    let sequence: Int
    let kind: V1.CaseKind
    let instance: V1.Instance
    let agency: Int
    let region: Int
    let category: V1.CaseCategory
    let detail: String
    let plaintiffKind: V1.PlaintiffKind
    let plaintiffCount: Int32
    let filedOn: CivilDate
    let court: Court
    /// For a higher-instance record: the plan index of the first-instance record.
    var related: Int?
    var events: [PlannedEvent] = []
    var factors: CaseFactors?
    /// How its own instance ends in the plan.
    var eventualOwnOutcome = V1.CaseOutcome.unspecified
    /// The day its own instance ends in the plan.
    var ownEnd: CivilDate?
    /// Drawn before the outcome, so the outcome can depend on it.
    var relatedOpinion = false

    var docketMarker: String {
        switch instance {
        case .second: "行终"
        case .retrial: "行再"
        default: "行初"
        }
    }

    /// The plaintiff count as the loss model reads it: unknown (0) counts as 1.
    var effectivePlaintiffs: Int { max(Int(plaintiffCount), 1) }
}
