/// How long first-instance cases took from filing to conclusion (days), from the cases concluded
/// in the history window: the typical time a case's age is compared with, and the distribution
/// the forecast draws conclusion probabilities from.
public struct ConclusionTimes: Equatable, Sendable {
    /// Sorted ascending.
    public private(set) var days: [Int64]
    /// Used for the median while fewer than `minimum` times are known.
    public let fallbackDays: Int64
    public let minimum: Int

    /// Fewer cases than this older than a case's age, and its remaining time is taken as
    /// exponential with the typical time as mean, rather than from a handful of outliers.
    static let minimumTail = 5

    public init(_ days: [Int64], fallbackDays: Int64 = 180, minimum: Int = 20) {
        self.days = days.map { max($0, 0) }.sorted()
        self.fallbackDays = max(fallbackDays, 1)
        self.minimum = minimum
    }

    /// Whether the median is observed rather than the fallback.
    public var isObserved: Bool { days.count >= max(minimum, 1) }

    /// The median (the lower middle for an even count), or the fallback.
    public var typicalDays: Int64 {
        guard isObserved else { return fallbackDays }
        return max(days[(days.count - 1) / 2], 1)
    }

    /// How many times are below `value` (binary search).
    private func countBelow(_ value: Int64) -> Int {
        var low = 0
        var high = days.count
        while low < high {
            let middle = (low + high) / 2
            if days[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// P(a case still open at `age` days concludes at an age in `ages`), ages in whole days since
    /// filing. Empirical while enough observed cases ran at least `age` days; otherwise the
    /// remaining time is exponential with the typical time as its mean.
    public func probability(concludingAt ages: ClosedRange<Int64>, openAt age: Int64) -> Double {
        let low = max(ages.lowerBound, age)
        guard low <= ages.upperBound else { return 0 }
        let atRisk = isObserved ? days.count - countBelow(age) : 0
        if atRisk >= Self.minimumTail {
            let hits = countBelow(ages.upperBound + 1) - countBelow(low)
            return Double(hits) / Double(atRisk)
        }
        let mean = Double(typicalDays)
        let start = Double(low - age)
        let end = Double(ages.upperBound + 1 - age)
        return RiskMath.exp(-start / mean) - RiskMath.exp(-end / mean)
    }

    /// One more case that took `value` days (`sign` 1), or one fewer (-1), in place.
    public mutating func change(_ value: Int64, sign: Int) {
        let value = max(value, 0)
        let index = countBelow(value)
        if sign > 0 {
            days.insert(value, at: index)
        } else if index < days.count, days[index] == value {
            days.remove(at: index)
        }
    }
}
