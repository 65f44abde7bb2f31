/// Losses over concluded first-instance cases: the default loss-rate formula's numerator and
/// denominator (审结口径), as generated.
public struct LossTally: Hashable, Sendable, CustomStringConvertible {
    public var losses = 0
    public var concluded = 0

    public init(losses: Int = 0, concluded: Int = 0) {
        self.losses = losses
        self.concluded = concluded
    }

    /// 0 when nothing concluded.
    public var rate: Double { concluded == 0 ? 0 : Double(losses) / Double(concluded) }

    /// Whether the rate is strictly above `percent`, compared exactly in integers as the
    /// escalation rule does (for 10%: 10 × losses > concluded).
    public func exceeds(percent: Int) -> Bool { losses * 100 > percent * concluded }

    public var description: String {
        let tenths = concluded == 0 ? 0 : (losses * 1000 + concluded / 2) / concluded
        return "\(losses)/\(concluded) (\(tenths / 10).\(tenths % 10)%)"
    }
}
