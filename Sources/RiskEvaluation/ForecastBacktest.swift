public import Assessment
public import SharedDomain

/// How the monthly projections did, region-quarter by region-quarter: was a quarter that crossed
/// the line warned about before it closed, and how often did a warning come to nothing.
public struct ForecastBacktest: Sendable {
    public struct Projection: Sendable {
        /// The review day it was made on (a month's first day).
        public let day: CivilDate
        public let rate: Double?
        public let low: Double
        public let high: Double
        public let expectedConclusions: Double
        public let crosses: Bool
    }

    public struct RegionQuarter: Sendable {
        public let region: Int64
        public let quarter: CalendarPeriod
        public let actual: Assessment.LossTally
        /// Exactly as the judge compares: losses / concluded above the threshold.
        public let crossed: Bool
        /// Every projection made for it, oldest first (up to six: three as the next quarter, three
        /// as the current one).
        public let projections: [Projection]
        /// The previous quarter crossed: what the ladder alone would have known.
        public let previousCrossed: Bool

        public var warned: Bool { projections.contains { $0.crosses } }
        public var firstWarning: CivilDate? { projections.first { $0.crosses }?.day }
        /// The projection made on the quarter's own first day.
        public var atStart: Projection? { projections.first { $0.day == quarter.days.lowerBound } }
    }

    public struct Summary: Sendable {
        public let regionQuarters: Int
        public let crossings: Int
        public let warnedAhead: Int
        public let falseWarnings: Int
        /// Crossings whose first warning came at least one review before the quarter began.
        public let warnedBeforeQuarter: Int
        /// The same counts for "warn when the previous quarter crossed".
        public let persistenceWarnedAhead: Int
        public let persistenceFalse: Int
        /// Quarters whose actual rate fell inside the interval projected on their first day, of
        /// those with such a projection and a conclusion.
        public let covered: Int
        public let coverable: Int
    }

    public let rows: [RegionQuarter]

    public init(rows: [RegionQuarter]) {
        self.rows = rows
    }

    public func summary(where include: (RegionQuarter) -> Bool = { _ in true }) -> Summary {
        let selected = rows.filter(include)
        let crossings = selected.filter(\.crossed)
        var covered = 0
        var coverable = 0
        for row in selected {
            guard let start = row.atStart, let actual = row.actual.rate else { continue }
            coverable += 1
            if start.low <= actual, actual <= start.high { covered += 1 }
        }
        return Summary(
            regionQuarters: selected.count, crossings: crossings.count, warnedAhead: crossings.count(where: \.warned),
            falseWarnings: selected.count { $0.warned && !$0.crossed },
            warnedBeforeQuarter: crossings.count { row in
                row.firstWarning.map { $0 < row.quarter.days.lowerBound } ?? false
            }, persistenceWarnedAhead: crossings.count(where: \.previousCrossed),
            persistenceFalse: selected.count { $0.previousCrossed && !$0.crossed }, covered: covered,
            coverable: coverable)
    }
}
