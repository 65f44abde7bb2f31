public import Assessment
public import SharedDomain

/// What the service's tables would give as of a day, computed from the records in memory: the
/// same windows, tallies and open cases the stored readers return, for a backtest of every month.
public struct EvaluationHistory: Sendable {
    public let city: EvaluationCity
    public let rules: CaseRiskRules
    /// Concluded records, by conclusion day.
    private let concluded: [EvaluationCity.Record]

    public init(_ city: EvaluationCity, rules: CaseRiskRules) {
        self.city = city
        self.rules = rules
        concluded = city.records.filter { $0.facts.concludedOn != nil }.sorted {
            ($0.facts.concludedOn!, $0.facts.caseKey) < ($1.facts.concludedOn!, $1.facts.caseKey)
        }
    }

    /// The records concluded within `days`.
    func concluded(in days: ClosedRange<CivilDate>) -> ArraySlice<EvaluationCity.Record> {
        let first = lowerBound(days.lowerBound)
        let end = days.upperBound.adding(days: 1).map(lowerBound) ?? concluded.count
        return concluded[first..<max(first, end)]
    }

    private func lowerBound(_ day: CivilDate) -> Int {
        var low = 0
        var high = concluded.count
        while low < high {
            let middle = (low + high) / 2
            if concluded[middle].facts.concludedOn! < day { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// CaseRiskHistory.load's answer as of `day`.
    public func history(asOf day: CivilDate) -> CaseRiskHistory {
        let window = CaseRiskHistory.window(before: day, months: rules.historyMonths)
        var city = Assessment.LossTally()
        var agencies: [Int64: Assessment.LossTally] = [:]
        var categories: [Int32: Assessment.LossTally] = [:]
        var days: [Int64] = []
        for record in concluded(in: window) {
            let tally = Assessment.LossTally(concluded: 1, losses: record.lost ? 1 : 0)
            city += tally
            agencies[record.facts.agencyKey, default: Assessment.LossTally()] += tally
            categories[record.facts.category, default: Assessment.LossTally()] += tally
            days.append(record.facts.concludedOn!.daysSinceEpoch - record.facts.filedOn.daysSinceEpoch)
        }
        return CaseRiskHistory(
            window: window, city: city, agencies: agencies, categories: categories,
            conclusionTimes: ConclusionTimes(
                days, fallbackDays: rules.defaultConclusionDays, minimum: rules.minimumConclusionTimes),
            corrections: self.city.corrections)
    }

    /// Each region's conclusions within `days`.
    public func regionTallies(concludedIn days: ClosedRange<CivilDate>) -> [Int64: Assessment.LossTally] {
        var tallies: [Int64: Assessment.LossTally] = [:]
        for record in concluded(in: days) {
            tallies[record.facts.regionKey, default: Assessment.LossTally()] += Assessment.LossTally(
                concluded: 1, losses: record.lost ? 1 : 0)
        }
        return tallies
    }

    /// RiskOutlook.Inputs.load's answer as of `day` (a month's first day), with the closing
    /// scores `closing` gives.
    public func inputs(on day: CivilDate, closing: (EvaluationCity.Record) -> Double?) -> RiskOutlook.Inputs {
        let history = history(asOf: day)
        let quarterStart = CalendarPeriod.quarter(containing: day).days.lowerBound
        var concludedThisQuarter: [Int64: Assessment.LossTally] = [:]
        if quarterStart < day, let yesterday = day.adding(days: -1) {
            concludedThisQuarter = regionTallies(concludedIn: quarterStart...yesterday)
        }
        var filed: [Int64: Int64] = [:]
        for record in city.records where history.window.contains(record.facts.filedOn) {
            filed[record.facts.regionKey, default: 0] += 1
        }
        return RiskOutlook.Inputs(
            day: day, history: history, openCases: city.records.map(\.facts).filter { $0.isOpen(on: day) },
            calibrationSample: concluded(in: history.window).compactMap { record in
                closing(record).map { (score: $0, lost: record.lost) }
            }, regions: city.regions, concludedThisQuarter: concludedThisQuarter,
            regionHistory: regionTallies(concludedIn: history.window), filedInWindow: filed)
    }
}
