internal import SharedDomain
internal import Storage

/// Reads and writes the counts per scope and day, month and year. The three tables change
/// together, so a period is summed from whole years, the whole months at its edges and the loose
/// days beyond them: a year is one row, a quarter three, any range at most a handful.
enum CountsTable {
    private static let columns = Counter.allCases.map(\.column)
    private static let placeholders = Array(repeating: "?", count: Counter.allCases.count).joined(separator: ", ")
    private static let increments = columns.map { "\($0) = \($0) + excluded.\($0)" }.joined(separator: ", ")

    // Built once: the writer runs them for every changed case.
    private static let addToDaySQL = """
        INSERT INTO day_counts (scope_kind, scope_id, day, \(columns.joined(separator: ", ")))
        VALUES (?, ?, ?, \(placeholders))
        ON CONFLICT (scope_kind, scope_id, day) DO UPDATE SET \(increments)
        """
    private static let addToMonthSQL = """
        INSERT INTO month_counts (scope_kind, scope_id, month, \(columns.joined(separator: ", ")))
        VALUES (?, ?, ?, \(placeholders))
        ON CONFLICT (scope_kind, scope_id, month) DO UPDATE SET \(increments)
        """
    private static let addToYearSQL = """
        INSERT INTO year_counts (scope_kind, scope_id, year, \(columns.joined(separator: ", ")))
        VALUES (?, ?, ?, \(placeholders))
        ON CONFLICT (scope_kind, scope_id, year) DO UPDATE SET \(increments)
        """
    private static let sums = columns.map { "coalesce(sum(\($0)), 0)" }.joined(separator: ", ")
    private static let sumMonthsSQL =
        "SELECT \(sums) FROM month_counts WHERE scope_kind = ? AND scope_id = ? AND month BETWEEN ? AND ?"
    private static let sumDaysSQL =
        "SELECT \(sums) FROM day_counts WHERE scope_kind = ? AND scope_id = ? AND day BETWEEN ? AND ?"
    private static let sumYearsSQL =
        "SELECT \(sums) FROM year_counts WHERE scope_kind = ? AND scope_id = ? AND year BETWEEN ? AND ?"
    private static let yearsByScopeSQL = """
        SELECT scope_id, \(sums) FROM year_counts WHERE scope_kind = ? AND year BETWEEN ? AND ? GROUP BY scope_id
        """
    private static let monthsByScopeSQL = """
        SELECT scope_id, \(sums) FROM month_counts WHERE scope_kind = ? AND month BETWEEN ? AND ? GROUP BY scope_id
        """
    private static let daysByScopeSQL = """
        SELECT scope_id, \(sums) FROM day_counts WHERE scope_kind = ? AND day BETWEEN ? AND ? GROUP BY scope_id
        """

    static func addDay(_ tx: WriteTransaction, _ delta: Counts, scope: ScopeKey, day: CivilDate) throws {
        guard !delta.isZero else { return }
        try tx.execute(addToDaySQL, arguments: [scope.kind, scope.id, Int64(day.key)] + delta.values)
    }

    /// `month` is yyyymm.
    static func addMonth(_ tx: WriteTransaction, _ delta: Counts, scope: ScopeKey, month: Int64) throws {
        guard !delta.isZero else { return }
        try tx.execute(addToMonthSQL, arguments: [scope.kind, scope.id, month] + delta.values)
    }

    static func addYear(_ tx: WriteTransaction, _ delta: Counts, scope: ScopeKey, year: Int64) throws {
        guard !delta.isZero else { return }
        try tx.execute(addToYearSQL, arguments: [scope.kind, scope.id, year] + delta.values)
    }

    /// The counts of `scope` over `days`.
    static func sum(_ tx: some Transaction, scope: ScopeKey, days: ClosedRange<CivilDate>) throws -> Counts {
        var total = Counts()
        for part in split(days) {
            let sql =
                switch part.grain {
                case .years: sumYearsSQL
                case .months: sumMonthsSQL
                case .days: sumDaysSQL
                }
            let row = try tx.fetchOne(sql, arguments: [scope.kind, scope.id, part.first, part.last])
            if let row { total += try counts(row, from: 0) }
        }
        return total
    }

    /// The counts of every scope of `kind` (1 regions, 2 agencies) with anything in `days`.
    static func sumByScope(_ tx: some Transaction, kind: Int64, days: ClosedRange<CivilDate>) throws -> [Int64: Counts]
    {
        var totals: [Int64: Counts] = [:]
        for part in split(days) {
            let sql =
                switch part.grain {
                case .years: yearsByScopeSQL
                case .months: monthsByScopeSQL
                case .days: daysByScopeSQL
                }
            for row in try tx.fetchAll(sql, arguments: [kind, part.first, part.last]) {
                totals[try row.int64(0), default: Counts()] += try counts(row, from: 1)
            }
        }
        return totals
    }

    private static func counts(_ row: Row, from offset: Int) throws -> Counts {
        Counts(values: try (0..<Counter.allCases.count).map { try row.int64(offset + $0) })
    }

    /// Which table a part of a period is summed from; its bounds are yyyy, yyyymm or yyyymmdd.
    enum Grain: Equatable {
        case years, months, days
    }

    /// A range of days as whole years, the whole months at their edges and the loose days at
    /// either end: a year is one part, a quarter one, a range from the 10th of one month to the
    /// 20th of a month two years later at most five.
    static func split(_ days: ClosedRange<CivilDate>) -> [(grain: Grain, first: Int64, last: Int64)] {
        let first = days.lowerBound
        let last = days.upperBound
        let firstFullMonth =
            first.day == 1
            ? first
            : CivilDate(
                year: first.month == 12 ? first.year + 1 : first.year, month: first.month % 12 + 1, day: 1)
        let lastDayOfLastMonth = CivilDate.daysInMonth(year: last.year, month: last.month)
        let lastFullMonthEnd =
            last.day == lastDayOfLastMonth
            ? last : CivilDate(year: last.year, month: last.month, day: 1)?.adding(days: -1)
        guard let start = firstFullMonth, let end = lastFullMonthEnd, start <= end else {
            return [(.days, Int64(first.key), Int64(last.key))]
        }
        var parts = splitMonths(
            first: Int64(start.year) * 12 + Int64(start.month - 1), last: Int64(end.year) * 12 + Int64(end.month - 1))
        if first < start, let before = start.adding(days: -1) {
            parts.append((.days, Int64(first.key), Int64(before.key)))
        }
        if end < last, let after = end.adding(days: 1) { parts.append((.days, Int64(after.key), Int64(last.key))) }
        return parts
    }

    /// Whole months (counted as year * 12 + month - 1) as the whole years inside them and the
    /// months at either end.
    private static func splitMonths(first: Int64, last: Int64) -> [(grain: Grain, first: Int64, last: Int64)] {
        let yyyymm = { (index: Int64) -> Int64 in (index / 12) * 100 + index % 12 + 1 }
        let firstFullYear = (first + 11) / 12
        let lastFullYear = (last + 1) / 12 - 1
        guard firstFullYear <= lastFullYear else { return [(.months, yyyymm(first), yyyymm(last))] }
        var parts: [(grain: Grain, first: Int64, last: Int64)] = [(.years, firstFullYear, lastFullYear)]
        if first < firstFullYear * 12 { parts.append((.months, yyyymm(first), yyyymm(firstFullYear * 12 - 1))) }
        if last > lastFullYear * 12 + 11 { parts.append((.months, yyyymm(lastFullYear * 12 + 12), yyyymm(last))) }
        return parts
    }
}
