/// The milestones recorded against an incident (intake.v1.MilestoneKind; raw values are the
/// proto's numbers).
public enum OpinionMilestoneKind: Int, CaseIterable, Sendable {
    /// Media attention began: starts the 6, 12 and 24-hour clocks.
    case mediaAttention = 1
    case reportedUp = 2
    case firstStatement = 3
    case inquiriesAccepted = 4
    case formalResponse = 5
    case closed = 6
}
