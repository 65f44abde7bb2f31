/// One ranking from RankUnits (考核排名): every unit of a kind on one indicator.
public struct Ranking: Sendable, Hashable {
    public enum Indicator: Sendable, Hashable, CaseIterable {
        case lossRate
        case caseVolume
        case correctionRate
        case appearanceRate
    }

    public enum Value: Sendable, Hashable {
        case rate(RateFigure)
        case count(Int64)
    }

    public struct Entry: Sendable, Hashable {
        /// 1-based; ties share a rank. 0 for a unit left unranked (no data).
        public var rank: Int
        public var name: String
        public var value: Value

        public init(rank: Int, name: String, value: Value) {
            self.rank = rank
            self.name = name
            self.value = value
        }
    }

    public var indicator: Indicator
    public var unitKind: UnitFigures.Kind
    /// Whether the list starts at the highest value (true) or the lowest.
    public var descending: Bool
    public var entries: [Entry]

    public init(indicator: Indicator, unitKind: UnitFigures.Kind, descending: Bool, entries: [Entry]) {
        self.indicator = indicator
        self.unitKind = unitKind
        self.descending = descending
        self.entries = entries
    }
}
