public import SharedDomain

extension Shuangjiang.Intake.V1.CaseOutcome {
    /// The domain's outcome, by number; nil for UNSPECIFIED or a value this build does not know.
    public var outcome: Outcome? { Outcome(rawValue: rawValue) }

    /// Whether the outcome counts as a loss (败诉) for the agency.
    public var isLoss: Bool { outcome?.isLoss ?? false }

    /// Whether the outcome counts as a correction (纠错) in reconsideration.
    public var isCorrection: Bool { outcome?.isCorrection ?? false }

    /// Only a higher instance gives these; they are not effective outcomes by themselves.
    public var isHigherInstanceOnly: Bool { outcome?.isHigherInstanceOnly ?? false }
}
