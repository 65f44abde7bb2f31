/// One request of the replayed history, by the indices of what it concerns.
public enum TimelineAction: Hashable, Sendable {
    case createRegion(Int)
    case createAgency(Int)
    case fileCase(Int)
    /// Event `event` (its ordinal) of case `case`.
    case recordCaseEvent(case: Int, event: Int)
    case reportOpinion(Int)
    case recordOpinionMilestone(opinion: Int, milestone: Int)

    /// What the request creates, whose id the loader must remember for later requests.
    public var creates: SyntheticReference? {
        switch self {
        case .createRegion(let index): .region(index)
        case .createAgency(let index): .agency(index)
        case .fileCase(let index): .caseRecord(index)
        case .reportOpinion(let index): .opinion(index)
        case .recordCaseEvent, .recordOpinionMilestone: nil
        }
    }
}
