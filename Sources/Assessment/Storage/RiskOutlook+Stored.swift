internal import SharedDomain
internal import Storage

extension RiskOutlook.Inputs {
    /// What case risk's tables hold as of `day`: the history window before its month, the cases
    /// open at its start (`atEnd`: at its end, for a month's screening), the closing scores of the
    /// window's conclusions, and each region's tallies (this quarter's whole months before `day`'s
    /// month, and the window). Also returns the stored rows of the open cases.
    static func load(_ tx: some Transaction, on day: CivilDate, rules: CaseRiskRules, atEnd: Bool = false) throws
        -> (inputs: RiskOutlook.Inputs, stored: [CaseRiskTable.Stored])
    {
        let history = try CaseRiskHistory.load(tx, asOf: day, rules: rules)
        let open = try CaseRiskTable.open(tx, on: day, atEnd: atEnd)
        let sample = try CaseRiskTable.calibrationSample(tx, concludedIn: history.window)
        return (try assemble(tx, on: day, history: history, open: open, calibrationSample: sample), open)
    }

    /// The same as of the start of `day`, with case_risk's rows read from `rows`.
    static func load(_ tx: WriteTransaction, on day: CivilDate, rules: CaseRiskRules, rows: inout some CaseRiskRows)
        throws -> (inputs: RiskOutlook.Inputs, stored: [CaseRiskTable.Stored])
    {
        let history = try rows.history(tx, asOf: day, rules: rules)
        let open = try rows.open(tx, on: day)
        let sample = try rows.calibrationSample(tx, concludedIn: history.window)
        return (try assemble(tx, on: day, history: history, open: open, calibrationSample: sample), open)
    }

    /// The rest, from the regions and their tallies.
    private static func assemble(
        _ tx: some Transaction, on day: CivilDate, history: CaseRiskHistory, open: [CaseRiskTable.Stored],
        calibrationSample: [(score: Double, lost: Bool)]
    ) throws -> RiskOutlook.Inputs {
        let regions = try tx.fetchAll("SELECT id FROM regions WHERE kind <> 1 ORDER BY id").map {
            try $0.get(0, as: Int64.self)
        }
        let quarterStart = CalendarPeriod.quarter(containing: day).days.lowerBound
        let monthStart = CalendarPeriod.month(containing: day).days.lowerBound
        var concludedThisQuarter: [Int64: LossTally] = [:]
        if quarterStart < monthStart, let lastMonthEnd = monthStart.adding(days: -1) {
            concludedThisQuarter = try RiskCountsTable.tallies(tx, .region, days: quarterStart...lastMonthEnd)
                .mapValues(\.loss)
        }
        let window = try RiskCountsTable.tallies(tx, .region, days: history.window)
        return RiskOutlook.Inputs(
            day: day, history: history, openCases: open.map(\.facts), calibrationSample: calibrationSample,
            regions: regions, concludedThisQuarter: concludedThisQuarter, regionHistory: window.mapValues(\.loss),
            filedInWindow: window.mapValues(\.filed))
    }
}
