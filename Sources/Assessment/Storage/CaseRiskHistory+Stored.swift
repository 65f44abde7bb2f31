internal import SharedDomain
internal import Storage

extension CaseRiskHistory {
    /// The history a case is scored against as of `day`, from the counts: the whole months of the
    /// window before `day`'s month. With `agency`, only that agency's tally and corrections are
    /// read (one case's assessment); without, every agency's (a screening).
    static func load(_ tx: some Transaction, asOf day: CivilDate, rules: CaseRiskRules, agency: Int64? = nil) throws
        -> CaseRiskHistory
    {
        let window = Self.window(before: day, months: rules.historyMonths)
        let tally = { (counts: Counts) in LossTally(concluded: counts[.concluded], losses: counts[.losses]) }
        let city = tally(try CountsTable.sum(tx, scope: .city, days: window))
        var agencies: [Int64: LossTally] = [:]
        if let agency {
            agencies[agency] = tally(try CountsTable.sum(tx, scope: .agency(agency), days: window))
        } else {
            agencies = try CountsTable.sumByScope(tx, kind: ScopeKey.agency(0).kind, days: window).mapValues(tally)
        }
        let months = Int64(window.lowerBound.key / 100)...Int64(window.upperBound.key / 100)
        var sql = "SELECT scope_id, day, corrected FROM day_counts WHERE scope_kind = ? AND corrected > 0 AND day < ?"
        var arguments: [any DatabaseValueConvertible] = [ScopeKey.agency(0).kind, Int64(day.key)]
        if let agency {
            sql += " AND scope_id = ?"
            arguments.append(agency)
        }
        var corrections: [Int64: [CivilDate]] = [:]
        for row in try tx.fetchAll(sql, arguments: arguments) {
            guard let date = CivilDate(key: Int32(try row.get(1, as: Int64.self))) else { continue }
            let count = Int(try row.get(2, as: Int64.self))
            corrections[try row.get(0, as: Int64.self), default: []] += Array(repeating: date, count: count)
        }
        return CaseRiskHistory(
            window: window, city: city, agencies: agencies, categories: try CaseRiskTable.categories(tx, months: months),
            conclusionTimes: ConclusionTimes(
                try CaseRiskTable.conclusionDays(tx, concludedIn: window), fallbackDays: rules.defaultConclusionDays,
                minimum: rules.minimumConclusionTimes),
            corrections: corrections)
    }
}
