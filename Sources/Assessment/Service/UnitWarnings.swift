internal import SharedDomain
internal import Storage

/// The three-colour warnings of every region and agency for a period: each unit's loss rate
/// against the absolute line, its peers' median (regions against regions, agencies against
/// agencies of the same level) and the city's rate.
struct UnitWarnings {
    struct Unit {
        let scope: ScopeKey
        let name: String
        /// The region a unit is in (itself for a region).
        let regionKey: Int64
        let lossRate: Rate
        let assessment: WarningRules.Assessment
        let peerMedian: Fraction?
    }

    let cityRate: Rate
    let units: [Unit]

    init(_ tx: some Transaction, period: CalendarPeriod, formula: LossRateFormula, rules: WarningRules) throws {
        let days = period.days
        cityRate = formula.rate(try CountsTable.sum(tx, scope: .city, days: days))
        let label: String
        switch period {
        case .month: label = "月度"
        case .quarter: label = "季度"
        case .year: label = "年度"
        case .range: label = "期间"
        }
        let regionCounts = try CountsTable.sumByScope(tx, kind: 1, days: days)
        let agencyCounts = try CountsTable.sumByScope(tx, kind: 2, days: days)
        // The city region is the city scope itself, never ranked or warned against its regions.
        let regions = try tx.fetchAll("SELECT id, name FROM regions WHERE kind <> 1 ORDER BY id").map {
            (
                key: try $0.get(0, as: Int64.self), name: try $0.get(1, as: String.self), group: Int64(0),
                region: try $0.get(0, as: Int64.self)
            )
        }
        let agencies = try tx.fetchAll("SELECT id, name, level, region_id FROM agencies ORDER BY id").map {
            (
                key: try $0.get(0, as: Int64.self), name: try $0.get(1, as: String.self),
                group: try $0.get(2, as: Int64.self), region: try $0.get(3, as: Int64.self)
            )
        }
        let city = cityRate.fraction
        var units: [Unit] = []
        for (kind, members, counts) in [(Int64(1), regions, regionCounts), (Int64(2), agencies, agencyCounts)] {
            let rates = members.map { member in (member, formula.rate(counts[member.key] ?? Counts())) }
            var medians: [Int64: Fraction] = [:]
            for group in Set(members.map(\.group)) {
                medians[group] = WarningRules.median(rates.filter { $0.0.group == group }.compactMap { $0.1.fraction })
            }
            for (member, rate) in rates {
                let median = medians[member.group] ?? nil
                units.append(
                    Unit(
                        scope: kind == 1 ? .region(member.key) : .agency(member.key), name: member.name,
                        regionKey: member.region, lossRate: rate,
                        assessment: rules.assess(
                            unit: rate.fraction, city: city, peerMedian: median, periodLabel: label),
                        peerMedian: median))
            }
        }
        self.units = units
    }
}
