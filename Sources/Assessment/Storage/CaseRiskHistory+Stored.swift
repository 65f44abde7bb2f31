internal import SharedDomain
internal import Storage

extension CaseRiskHistory {
    /// The history a case is scored against as of `day`, from case risk's own tallies: the whole
    /// months of the window before `day`'s month. With `agency`, only that agency's tally and
    /// corrections are read (one case's assessment); without, every agency's (a screening).
    /// - Parameter conclusionDays: the window's filing-to-conclusion days if the caller has them
    ///   (``CaseRiskRows``); read from case_risk if not.
    static func load(
        _ tx: some Transaction, asOf day: CivilDate, rules: CaseRiskRules, agency: Int64? = nil,
        conclusionDays: [Int64]? = nil
    ) throws -> CaseRiskHistory {
        let window = Self.window(before: day, months: rules.historyMonths)
        let loss = { (tallies: [Int64: RiskCountsTable.Tally]) in tallies.mapValues(\.loss) }
        let categories = try RiskCountsTable.tallies(tx, .category, days: window)
        return CaseRiskHistory(
            window: window, city: try RiskCountsTable.tallies(tx, .city, days: window)[0]?.loss ?? LossTally(),
            agencies: loss(try RiskCountsTable.tallies(tx, .agency, days: window, only: agency)),
            categories: Dictionary(uniqueKeysWithValues: categories.map { (Int32($0.key), $0.value.loss) }),
            conclusionTimes: ConclusionTimes(
                try conclusionDays ?? CaseRiskTable.conclusionDays(tx, concludedIn: window),
                fallbackDays: rules.defaultConclusionDays,
                minimum: rules.minimumConclusionTimes),
            corrections: try RiskCountsTable.corrections(tx, only: agency))
    }
}
