public import SharedDomain

/// Why a referral cannot take the step asked for.
public enum ReferralTransitionError: Error, Equatable, Sendable {
    /// The caller read the referral at another step: it has moved on (or never was there).
    case notAtExpectedStep(current: ReferralStage, expected: ReferralStage)
    /// The decision has been executed: nothing follows.
    case complete
    /// A step other than the next one: a skip or a repeat.
    case outOfOrder(current: ReferralStage, attempted: ReferralStage)
    /// Steps happen in time order: this one is dated before the step it follows.
    case beforePreviousStep(previous: Instant)
}
