public import SharedDomain

/// Everything case risk concludes as of one day, from what storage (or a backtest) knows then:
/// the open cases' assessments, the score calibration fitted on the history window, and each
/// region's projected loss rate for the quarter containing the day and the next one. The
/// monthly review and the evaluation both run this, so what is backtested is what is deployed.
public struct RiskOutlook: Sendable {
    public struct Inputs: Sendable {
        public var day: CivilDate
        public var history: CaseRiskHistory
        /// First-instance litigation cases open at the start of `day`.
        public var openCases: [CaseRiskFacts]
        /// Cases concluded in the history window: their closing score (``closingDay(of:)``) and
        /// whether they were lost.
        public var calibrationSample: [(score: Double, lost: Bool)]
        public var regions: [Int64]
        /// Per region: concluded in `day`'s quarter before `day`, concluded in the history window,
        /// and filed in the history window.
        public var concludedThisQuarter: [Int64: LossTally]
        public var regionHistory: [Int64: LossTally]
        public var filedInWindow: [Int64: Int64]

        public init(
            day: CivilDate, history: CaseRiskHistory, openCases: [CaseRiskFacts],
            calibrationSample: [(score: Double, lost: Bool)], regions: [Int64],
            concludedThisQuarter: [Int64: LossTally], regionHistory: [Int64: LossTally], filedInWindow: [Int64: Int64]
        ) {
            self.day = day
            self.history = history
            self.openCases = openCases
            self.calibrationSample = calibrationSample
            self.regions = regions
            self.concludedThisQuarter = concludedThisQuarter
            self.regionHistory = regionHistory
            self.filedInWindow = filedInWindow
        }
    }

    public struct Projection: Sendable {
        public let regionKey: Int64
        public let forecast: LossForecast
        /// Central estimate above the line, with enough expected conclusions.
        public let crosses: Bool
    }

    public let day: CivilDate
    public let assessments: [(facts: CaseRiskFacts, risk: CaseRisk)]
    public let calibration: ScoreCalibration
    /// For each region in order, the current quarter then the next.
    public let projections: [Projection]

    /// - Parameter explained: whether the assessments carry their factors' explanations (a
    ///   screening shown to people does; the monthly review, which needs only scores and levels,
    ///   does not: the words cost more than the arithmetic).
    public init(
        _ inputs: Inputs, risk: CaseRiskRules, forecast: LossForecastRules, threshold: Fraction,
        projecting: Bool = true,
        explained: Bool = true
    ) {
        let day = inputs.day
        let scorer = CaseRiskScorer(rules: risk, explained: explained)
        let assessments = inputs.openCases.map {
            (facts: $0, risk: scorer.assess($0, history: inputs.history, on: day))
        }
        let cityRate = inputs.history.city.smoothed(toward: risk.priorLossRate, strength: risk.smoothingCases)
        let calibration = ScoreCalibration(
            scored: inputs.calibrationSample, bandWidth: forecast.calibrationBandWidth,
            smoothing: forecast.calibrationSmoothing, prior: cityRate)
        self.day = day
        self.assessments = assessments
        self.calibration = calibration
        guard projecting else {
            projections = []
            return
        }
        let current = CalendarPeriod.quarter(containing: day)
        let quarters = [current] + (current.next.map { [$0] } ?? [])
        let windowDays = Double(
            inputs.history.window.upperBound.daysSinceEpoch - inputs.history.window.lowerBound.daysSinceEpoch + 1)
        var openByRegion: [Int64: [LossForecast.OpenCase]] = [:]
        for item in assessments {
            openByRegion[item.facts.regionKey, default: []].append(
                LossForecast.OpenCase(
                    ageDays: item.facts.daysOpen(on: day),
                    lossProbability: calibration.probability(score: item.risk.score)))
        }
        var projections: [Projection] = []
        for region in inputs.regions {
            let regionRate = (inputs.regionHistory[region] ?? LossTally()).smoothed(
                toward: cityRate, strength: risk.smoothingCases)
            let perDay = forecast.includeNewFilings ? Double(inputs.filedInWindow[region] ?? 0) / max(windowDays, 1) : 0
            for quarter in quarters {
                let projected = LossForecast(
                    LossForecast.Inputs(
                        day: day, quarter: quarter,
                        concluded: quarter == current
                            ? inputs.concludedThisQuarter[region] ?? LossTally() : LossTally(),
                        openCases: openByRegion[region] ?? [], conclusionTimes: inputs.history.conclusionTimes,
                        filingsPerDay: perDay, newCaseLossProbability: regionRate), z: forecast.intervalZ)
                projections.append(
                    Projection(
                        regionKey: region, forecast: projected,
                        crosses: projected.crosses(threshold, minimumConclusions: forecast.minimumExpectedConclusions)))
            }
        }
        self.projections = projections
    }

    /// The day a concluded case's calibration score is taken as of: the first day of the month it
    /// concluded in (its last monthly screening), or its filing day if it was filed that month.
    public static func closingDay(of facts: CaseRiskFacts) -> CivilDate? {
        guard let concluded = facts.concludedOn else { return nil }
        let monthStart = CivilDate(year: concluded.year, month: concluded.month, day: 1)!
        return max(monthStart, facts.filedOn)
    }
}
