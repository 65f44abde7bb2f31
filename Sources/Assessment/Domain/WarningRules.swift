public import SharedDomain

/// The three-colour warning rules (三色预警, warnings.proto), thresholds from configuration,
/// every comparison exact.
public struct WarningRules: Equatable, Sendable {
    /// RED above this loss rate (the report's interview line, 10%).
    public var lossRateThreshold: Fraction
    /// RED when more than this above the peers' median (5 points).
    public var peerMedianMargin: Fraction
    /// YELLOW above the city's loss rate.
    public var yellowAboveCityRate: Bool

    public init(
        lossRateThreshold: Fraction = Fraction(10, 100)!, peerMedianMargin: Fraction = Fraction(5, 100)!,
        yellowAboveCityRate: Bool = true
    ) {
        self.lossRateThreshold = lossRateThreshold
        self.peerMedianMargin = peerMedianMargin
        self.yellowAboveCityRate = yellowAboveCityRate
    }

    public enum Level: Int, Comparable, Sendable {
        case red = 1, yellow, green
        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public enum Rule: Sendable {
        case lossRateThreshold, peerMedianMargin, aboveCityRate
    }

    public struct Trigger: Equatable, Sendable {
        public let rule: Rule
        public let threshold: Fraction
        public let observed: Fraction
        public let explanation: String
    }

    public struct Assessment: Equatable, Sendable {
        public let level: Level
        /// Most severe first; empty for GREEN.
        public let triggers: [Trigger]
    }

    /// - Parameters:
    ///   - unit: the unit's loss rate; nil with no concluded case (GREEN: nothing to warn about).
    ///   - periodLabel: "季度", "月度", "年度" or "期间", for the explanations.
    public func assess(unit: Fraction?, city: Fraction?, peerMedian: Fraction?, periodLabel: String) -> Assessment {
        guard let unit else { return Assessment(level: .green, triggers: []) }
        var triggers: [Trigger] = []
        let observed = unit.percent(decimals: 2)
        if unit > lossRateThreshold {
            triggers.append(
                Trigger(
                    rule: .lossRateThreshold, threshold: lossRateThreshold, observed: unit,
                    explanation: "\(periodLabel)败诉率 \(observed) 高于 \(lossRateThreshold.percent()) 约谈线"))
        }
        if let peerMedian, let line = peerMedian + peerMedianMargin, unit > line {
            triggers.append(
                Trigger(
                    rule: .peerMedianMargin, threshold: line, observed: unit,
                    explanation:
                        "\(periodLabel)败诉率 \(observed) 高于同类单位中位数 \(peerMedian.percent()) 逾 \(peerMedianMargin.percent())"
                ))
        }
        if yellowAboveCityRate, let city, unit > city {
            triggers.append(
                Trigger(
                    rule: .aboveCityRate, threshold: city, observed: unit,
                    explanation: "\(periodLabel)败诉率 \(observed) 高于全市 \(city.percent(decimals: 2))"))
        }
        let level: Level =
            triggers.contains { $0.rule != .aboveCityRate } ? .red : triggers.isEmpty ? .green : .yellow
        return Assessment(level: level, triggers: triggers)
    }

    /// The median of the peers' defined rates; nil when there are none.
    public static func median(_ rates: [Fraction]) -> Fraction? {
        guard !rates.isEmpty else { return nil }
        let sorted = rates.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : Fraction.midpoint(sorted[middle - 1], sorted[middle])
    }
}
