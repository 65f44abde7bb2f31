/// A calendar month, quarter or year in the city's time zone, or an explicit range of days: the
/// periods indicators, rankings and statistics are reported for.
public enum CalendarPeriod: Hashable, Sendable, CustomStringConvertible {
    case month(year: Int32, month: Int32)
    case quarter(year: Int32, quarter: Int32)
    case year(Int32)
    /// Any days, first and last included.
    case range(ClosedRange<CivilDate>)

    /// Nil for a month outside 1-12, a quarter outside 1-4 or a year outside
    /// ``CivilDate/validYears``.
    public static func validMonth(year: Int32, month: Int32) -> CalendarPeriod? {
        guard CivilDate.validYears.contains(year), (1...12).contains(month) else { return nil }
        return .month(year: year, month: month)
    }

    public static func validQuarter(year: Int32, quarter: Int32) -> CalendarPeriod? {
        guard CivilDate.validYears.contains(year), (1...4).contains(quarter) else { return nil }
        return .quarter(year: year, quarter: quarter)
    }

    public static func validYear(_ year: Int32) -> CalendarPeriod? {
        CivilDate.validYears.contains(year) ? .year(year) : nil
    }

    public static func month(containing date: CivilDate) -> CalendarPeriod {
        .month(year: date.year, month: date.month)
    }

    public static func quarter(containing date: CivilDate) -> CalendarPeriod {
        .quarter(year: date.year, quarter: (date.month + 2) / 3)
    }

    public static func year(containing date: CivilDate) -> CalendarPeriod {
        .year(date.year)
    }

    /// The first and last day. Only constructed periods are valid, so this cannot fail for the
    /// `valid…` constructors; a hand-built invalid month traps, as an out-of-range index would.
    public var days: ClosedRange<CivilDate> {
        switch self {
        case .month(let year, let month):
            return Self.months(year: year, month, month)
        case .quarter(let year, let quarter):
            return Self.months(year: year, quarter * 3 - 2, quarter * 3)
        case .year(let year):
            return Self.months(year: year, 1, 12)
        case .range(let days):
            return days
        }
    }

    private static func months(year: Int32, _ first: Int32, _ last: Int32) -> ClosedRange<CivilDate> {
        let start = CivilDate(year: year, month: first, day: 1)!
        let end = CivilDate(year: year, month: last, day: CivilDate.daysInMonth(year: year, month: last))!
        return start...end
    }

    public func contains(_ date: CivilDate) -> Bool { days.contains(date) }

    /// The same period a year earlier, for year-on-year comparisons (double decline); nil when
    /// that would fall before ``CivilDate/validYears``.
    public var yearEarlier: CalendarPeriod? {
        switch self {
        case .month(let year, let month): Self.validMonth(year: year - 1, month: month)
        case .quarter(let year, let quarter): Self.validQuarter(year: year - 1, quarter: quarter)
        case .year(let year): Self.validYear(year - 1)
        case .range(let days):
            days.lowerBound.yearEarlier.flatMap { first in days.upperBound.yearEarlier.map { .range(first...$0) } }
        }
    }

    /// The next month, quarter or year (nil for a range, or past ``CivilDate/validYears``).
    public var next: CalendarPeriod? {
        switch self {
        case .month(let year, let month):
            month == 12 ? Self.validMonth(year: year + 1, month: 1) : .month(year: year, month: month + 1)
        case .quarter(let year, let quarter):
            quarter == 4 ? Self.validQuarter(year: year + 1, quarter: 1) : .quarter(year: year, quarter: quarter + 1)
        case .year(let year): Self.validYear(year + 1)
        case .range: nil
        }
    }

    /// "2024-03", "2024Q1", "2024", or "2024-01-05..2024-02-01".
    public var description: String {
        switch self {
        case .month(let year, let month): month < 10 ? "\(year)-0\(month)" : "\(year)-\(month)"
        case .quarter(let year, let quarter): "\(year)Q\(quarter)"
        case .year(let year): "\(year)"
        case .range(let days): "\(days.lowerBound)..\(days.upperBound)"
        }
    }
}
