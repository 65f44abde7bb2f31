/// One request of the replayed history, by the indices of what it concerns.
public enum TimelineAction: Hashable, Sendable {
    case createRegion(Int)
    case createAgency(Int)
    case fileCase(Int)
    /// Event `event` (its ordinal) of case `case`.
    case recordCaseEvent(case: Int, event: Int)
    case reportOpinion(Int)
    case recordOpinionMilestone(opinion: Int, milestone: Int)

    /// The index of the region, agency, case or incident the step concerns.
    public var index: Int {
        switch self {
        case .createRegion(let index), .createAgency(let index), .fileCase(let index), .reportOpinion(let index):
            index
        case .recordCaseEvent(let index, _), .recordOpinionMilestone(let index, _):
            index
        }
    }

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
