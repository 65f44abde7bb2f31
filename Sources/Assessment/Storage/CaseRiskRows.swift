internal import SharedDomain
internal import Storage

/// Where a monthly review reads the case_risk rows it needs and writes what it concludes about
/// them: straight from and to the table (``StoredCaseRisk``, the judging timer's review), or the
/// follower's write's rows in memory (``LiveCaseRisk``), which the table catches up with when the
/// write ends. Both answer every question exactly as the table would at that moment.
protocol CaseRiskRows {
    /// Cases filed by `day` and still open at its start, in case order, with their opinions.
    mutating func open(_ tx: WriteTransaction, on day: CivilDate) throws -> [CaseRiskTable.Stored]
    /// Cases concluded within `days` with no closing score yet, in case order, with their opinions.
    mutating func unscored(_ tx: WriteTransaction, concludedIn days: ClosedRange<CivilDate>) throws
        -> [CaseRiskTable.Stored]
    /// The closing scores (in points) and losses of the cases concluded within `days` that have one.
    mutating func calibrationSample(_ tx: WriteTransaction, concludedIn days: ClosedRange<CivilDate>) throws
        -> [(score: Double, lost: Bool)]
    /// Filing-to-conclusion days of the cases concluded within `days`, in no particular order.
    mutating func conclusionDays(_ tx: WriteTransaction, concludedIn days: ClosedRange<CivilDate>) throws -> [Int64]
    mutating func setAssessed(_ tx: WriteTransaction, key: Int64, level: CaseRisk.Level, scoreTenths: Int64) throws
    mutating func setClosingScore(_ tx: WriteTransaction, key: Int64, scoreTenths: Int64) throws
}

extension CaseRiskRows {
    /// The history a case is scored against as of `day` (``CaseRiskHistory/load``), with the
    /// conclusion times from these rows.
    mutating func history(_ tx: WriteTransaction, asOf day: CivilDate, rules: CaseRiskRules) throws
        -> CaseRiskHistory
    {
        let window = CaseRiskHistory.window(before: day, months: rules.historyMonths)
        return try CaseRiskHistory.load(
            tx, asOf: day, rules: rules, conclusionDays: try conclusionDays(tx, concludedIn: window))
    }
}

/// case_risk itself.
struct StoredCaseRisk: CaseRiskRows {
    func open(_ tx: WriteTransaction, on day: CivilDate) throws -> [CaseRiskTable.Stored] {
        try CaseRiskTable.open(tx, on: day)
    }

    func unscored(_ tx: WriteTransaction, concludedIn days: ClosedRange<CivilDate>) throws -> [CaseRiskTable.Stored] {
        try CaseRiskTable.unscored(tx, concludedIn: days)
    }

    func calibrationSample(_ tx: WriteTransaction, concludedIn days: ClosedRange<CivilDate>) throws
        -> [(score: Double, lost: Bool)]
    {
        try CaseRiskTable.calibrationSample(tx, concludedIn: days)
    }

    func conclusionDays(_ tx: WriteTransaction, concludedIn days: ClosedRange<CivilDate>) throws -> [Int64] {
        try CaseRiskTable.conclusionDays(tx, concludedIn: days)
    }

    func setAssessed(_ tx: WriteTransaction, key: Int64, level: CaseRisk.Level, scoreTenths: Int64) throws {
        try CaseRiskTable.setAssessed(tx, key: key, level: level, scoreTenths: scoreTenths)
    }

    func setClosingScore(_ tx: WriteTransaction, key: Int64, scoreTenths: Int64) throws {
        try CaseRiskTable.setClosingScore(tx, key: key, scoreTenths: scoreTenths)
    }
}
