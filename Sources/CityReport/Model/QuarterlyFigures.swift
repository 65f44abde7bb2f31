public import SharedDomain

/// Loss rate and case volume by region and quarter: what the report's charts draw.
public struct QuarterlyFigures: Sendable, Hashable {
    /// One region's figures, one entry per quarter in ``QuarterlyFigures/quarters``.
    public struct Row: Sendable, Hashable {
        public var id: String
        public var name: String
        public var lossRates: [RateFigure]
        public var caseVolumes: [Int64]

        public init(id: String, name: String, lossRates: [RateFigure], caseVolumes: [Int64]) {
            self.id = id
            self.name = name
            self.lossRates = lossRates
            self.caseVolumes = caseVolumes
        }
    }

    /// Oldest first.
    public var quarters: [CalendarPeriod]
    /// The whole city.
    public var city: Row
    /// Each region, in the report's region order.
    public var regions: [Row]

    public init(quarters: [CalendarPeriod], city: Row, regions: [Row]) {
        self.quarters = quarters
        self.city = city
        self.regions = regions
    }

    /// The quarters a report's charts cover: a year's four quarters; for a quarter or a month,
    /// the four quarters ending with (or holding) it, so the chart shows a trend; for a range, the
    /// quarters it touches, at most the last twelve.
    public static func quarters(for period: CalendarPeriod) -> [CalendarPeriod] {
        switch period {
        case .year(let year):
            return (1...4).map { .quarter(year: year, quarter: $0) }
        case .quarter, .month:
            let last = CalendarPeriod.quarter(containing: period.days.lowerBound)
            var quarters = [last]
            while quarters.count < 4, let earlier = quarters[0].previousQuarter { quarters.insert(earlier, at: 0) }
            return quarters
        case .range(let days):
            var quarters: [CalendarPeriod] = []
            var quarter: CalendarPeriod? = .quarter(containing: days.lowerBound)
            while let current = quarter, current.days.lowerBound <= days.upperBound {
                quarters.append(current)
                quarter = current.next
            }
            return Array(quarters.suffix(12))
        }
    }
}

extension CalendarPeriod {
    /// The quarter before a quarter; nil for anything else or before the first valid year.
    var previousQuarter: CalendarPeriod? {
        guard case .quarter(let year, let quarter) = self else { return nil }
        return quarter == 1 ? .validQuarter(year: year - 1, quarter: 4) : .quarter(year: year, quarter: quarter - 1)
    }
}
