public import SharedDomain

/// Where a referral stands in its four steps, and the one rule for moving on: the next step, only
/// the next, each once, never dated before the one it follows. Pure: the service records what the
/// rule allows.
public struct ReferralProgress: Equatable, Sendable {
    public private(set) var stage: ReferralStage
    /// When the last step occurred.
    public private(set) var lastStepAt: Instant

    /// A referral just opened: the clue was referred at `referredAt`.
    public init(referredAt: Instant) {
        stage = .referred
        lastStepAt = referredAt
    }

    public init(stage: ReferralStage, lastStepAt: Instant) {
        self.stage = stage
        self.lastStepAt = lastStepAt
    }

    public var isComplete: Bool { stage == .decisionExecuted }

    /// Takes `step`, which the caller believes follows `expected`, as occurring at `instant`.
    ///
    /// A stale `expected` is reported before anything about the step itself: the caller must read
    /// again before its request can be judged.
    public mutating func take(_ step: ReferralStage, expected: ReferralStage, at instant: Instant)
        throws(ReferralTransitionError)
    {
        guard expected == stage else { throw .notAtExpectedStep(current: stage, expected: expected) }
        guard let next = stage.next else { throw .complete }
        guard step == next else { throw .outOfOrder(current: stage, attempted: step) }
        guard instant >= lastStepAt else { throw .beforePreviousStep(previous: lastStepAt) }
        stage = step
        lastStepAt = instant
    }
}
