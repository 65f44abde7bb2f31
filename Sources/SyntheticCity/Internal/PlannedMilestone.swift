internal import Messages
internal import SharedDomain

/// An opinion milestone as planned, possibly after the city's `now` (then it is not emitted).
struct PlannedMilestone: Sendable {
    let kind: Shuangjiang.Intake.V1.MilestoneKind
    let occurredAt: Instant
    let note: String
    /// Met its deadline too late.
    let isLate: Bool
}
