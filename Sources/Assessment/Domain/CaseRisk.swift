/// The risk assessment of one open case: its factors' points, their sum and the level.
public struct CaseRisk: Equatable, Sendable {
    /// As common.v1.RiskLevel numbers them.
    public enum Level: Int, Comparable, Sendable {
        case red = 1, yellow, green
        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public struct Factor: Equatable, Sendable {
        public let factor: CaseRiskFactor
        public let weight: Double
        /// Points in tenths, 0 to 10 × weight: kept exact so the score is their exact sum.
        public let pointsTenths: Int64
        /// Why, with the numbers.
        public let explanation: String

        public init(factor: CaseRiskFactor, weight: Double, pointsTenths: Int64, explanation: String) {
            self.factor = factor
            self.weight = weight
            self.pointsTenths = pointsTenths
            self.explanation = explanation
        }

        public var points: Double { Double(pointsTenths) / 10 }
    }

    public let level: Level
    /// Every factor, largest contribution first (then in ``CaseRiskFactor`` order).
    public let factors: [Factor]
    /// The factors' points summed, in tenths.
    public let scoreTenths: Int64

    public init(factors: [Factor], rules: CaseRiskRules) {
        // Sorted in place: the array is ours (an init's argument is owned), and a sorted copy was
        // a second allocation per score.
        var factors = factors
        factors.sort { a, b in
            a.pointsTenths != b.pointsTenths ? a.pointsTenths > b.pointsTenths : a.factor.rawValue < b.factor.rawValue
        }
        let scoreTenths = factors.reduce(0) { $0 + $1.pointsTenths }
        self.factors = factors
        self.scoreTenths = scoreTenths
        self.level = rules.level(scoreTenths: scoreTenths)
    }

    /// 0-100.
    public var score: Double { Double(scoreTenths) / 10 }

    public func points(_ factor: CaseRiskFactor) -> Double {
        factors.first { $0.factor == factor }?.points ?? 0
    }
}
