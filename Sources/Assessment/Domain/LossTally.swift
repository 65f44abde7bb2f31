/// First-instance conclusions and losses of some unit over some days: what a historical loss
/// rate is made of.
public struct LossTally: Equatable, Sendable {
    public var concluded: Int64
    public var losses: Int64

    public init(concluded: Int64 = 0, losses: Int64 = 0) {
        self.concluded = concluded
        self.losses = losses
    }

    /// Nil with nothing concluded.
    public var rate: Double? { concluded > 0 ? Double(losses) / Double(concluded) : nil }

    /// Empirical-Bayes smoothing: `strength` pseudo-cases at `prior` added to the record, so a
    /// unit with two cases is not judged on two cases, and one with two hundred barely moves.
    public func smoothed(toward prior: Double, strength: Double) -> Double {
        let denominator = Double(concluded) + strength
        guard denominator > 0 else { return prior }
        return (Double(losses) + strength * prior) / denominator
    }

    public static func + (lhs: LossTally, rhs: LossTally) -> LossTally {
        LossTally(concluded: lhs.concluded + rhs.concluded, losses: lhs.losses + rhs.losses)
    }

    public static func += (lhs: inout LossTally, rhs: LossTally) { lhs = lhs + rhs }
}
