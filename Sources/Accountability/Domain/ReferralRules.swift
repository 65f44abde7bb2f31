/// Which alerts open a referral by themselves (performed_by "system").
public struct ReferralRules: Equatable, Sendable {
    /// CASE_LOST: every lost case is a clue (败诉案件线索移送).
    public var fromCaseLost = true
    /// OPINION_DEADLINE_MISSED: a missed opinion deadline opens a cadre-accountability referral.
    public var fromOpinionDeadlineMissed = true

    /// Who the system's steps are recorded as taken by.
    public static let systemActor = "system"

    public init() {}
}
