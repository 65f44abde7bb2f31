public import SharedDomain

/// Ranks units on one indicator for the annual assessment (考核): ties share a rank and the next
/// rank skips (1, 2, 2, 4); a unit whose denominator is below the minimum (or 0) is listed
/// unranked (rank 0) after every ranked one. Within a tie, and among the unranked, by name.
public enum Ranking {
    public struct Entry<Unit: Sendable>: Sendable {
        public let unit: Unit
        public let name: String
        /// A rate's fraction, or a count over 1; nil when the rate is undefined.
        public let value: Fraction?
        /// The rate's denominator; nil for counts (always ranked).
        public let denominator: Int64?

        public init(unit: Unit, name: String, value: Fraction?, denominator: Int64?) {
            self.unit = unit
            self.name = name
            self.value = value
            self.denominator = denominator
        }
    }

    public static func rank<Unit>(_ entries: [Entry<Unit>], ascending: Bool, minDenominator: Int64) -> [(
        rank: Int, entry: Entry<Unit>
    )] {
        let rankable = { (entry: Entry<Unit>) -> Bool in
            guard let value = entry.value else { return false }
            _ = value
            guard let denominator = entry.denominator else { return true }
            return denominator > 0 && denominator >= minDenominator
        }
        let ranked = entries.filter(rankable).sorted { a, b in
            let (x, y) = (a.value!, b.value!)
            if x != y { return ascending ? x < y : y < x }
            return a.name < b.name
        }
        var result: [(rank: Int, entry: Entry<Unit>)] = []
        for (index, entry) in ranked.enumerated() {
            let tied = index > 0 && ranked[index - 1].value! == entry.value!
            result.append((tied ? result[index - 1].rank : index + 1, entry))
        }
        let unranked = entries.filter { !rankable($0) }.sorted { $0.name < $1.name }
        return result + unranked.map { (0, $0) }
    }
}
