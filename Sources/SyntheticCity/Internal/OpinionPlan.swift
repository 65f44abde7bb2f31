internal import Messages
internal import SharedDomain

/// An opinion incident as planned.
struct OpinionPlan: Sendable {
    typealias V1 = Shuangjiang.Intake.V1

    let sequence: Int
    let agency: Int
    let region: Int
    /// Plan index of the case it is about.
    let relatedRecord: Int?
    let category: V1.OpinionCategory
    let importance: V1.OpinionImportance
    let source: String
    let sourceURL: String
    let summary: String
    let detectedAt: Instant
    /// When the report is sent.
    let reportedAt: Instant
    /// When media attention began, if it had by the report and the report carries it.
    let mediaAttentionAtReport: Instant?
    /// Every planned milestone, in the order they happen.
    let milestones: [PlannedMilestone]
}
