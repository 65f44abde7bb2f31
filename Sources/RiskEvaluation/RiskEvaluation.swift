public import Assessment
internal import SharedDomain

/// The case-risk evaluation on a synthetic history: scores fixed a priori (the configured
/// weights), calibration and weights fitted on the training years, everything measured on the
/// held-out last year; and a backtest of the monthly forecast exactly as the service runs it
/// (each review sees only what was known on its day, calibrated on the 12 months before it).
public struct RiskEvaluation: Sendable {
    public struct FactorSummary: Sendable {
        public let factor: CaseRiskFactor
        public let withFactor: Assessment.LossTally
        public let without: Assessment.LossTally
        public let coefficient: Double
    }

    public struct CalibrationRow: Sendable {
        public let scores: ClosedRange<Double>
        public let cases: Int
        public let losses: Int
        /// Mean predicted probability: the calibration fitted on the training years, and the
        /// rolling one the service uses (the 12 months before each case's closing month).
        public let predicted: Double
        public let rollingPredicted: Double
    }

    public let rules: AssessmentRules
    public let trainingYears: ClosedRange<Int32>
    public let heldOutYear: Int32
    /// Concluded first-instance litigation per year.
    public let years: [(year: Int32, tally: Assessment.LossTally)]
    public let trainingAUC: Double?
    public let heldOutAUC: Double?
    /// The generator's own merits probability on the same cases: the ceiling.
    public let modelAUC: Double?
    public let heldOutCases: Int
    public let heldOutLosses: Int
    /// Every (open case, review day) of the held-out year, scored that day, against how the case
    /// ended (cases still open at the end left out).
    public let screeningAUC: Double?
    public let screeningPairs: Int
    public let factors: [FactorSummary]
    public let fit: LogisticFit
    public let suggestedWeights: [CaseRiskFactor: Double]
    public let suggestedAUC: Double?
    public let calibration: [CalibrationRow]
    public let brier: Double?
    public let rollingBrier: Double?
    /// Share of held-out closing scores RED and YELLOW.
    public let levelShares: (red: Double, yellow: Double)
    public let lossRateByLevel: [(level: CaseRisk.Level, tally: Assessment.LossTally)]
    public let backtest: ForecastBacktest

    public init(_ city: EvaluationCity, rules: AssessmentRules = AssessmentRules()) {
        self.rules = rules
        let lastYear = city.lastDay.year
        heldOutYear = lastYear
        trainingYears = (city.firstYear + 1)...(lastYear - 1)
        let history = EvaluationHistory(city, rules: rules.risk)
        let scorer = CaseRiskScorer(rules: rules.risk, explained: false)

        // Closing scores, one history per closing month.
        var histories: [Int32: CaseRiskHistory] = [:]
        func historyAsOf(_ day: CivilDate) -> CaseRiskHistory {
            let month = day.key / 100
            if let known = histories[month] { return known }
            let loaded = history.history(asOf: day)
            histories[month] = loaded
            return loaded
        }
        var closing: [Int64: CaseRisk] = [:]
        for record in city.records {
            guard let day = RiskOutlook.closingDay(of: record.facts) else { continue }
            closing[record.facts.caseKey] = scorer.assess(record.facts, history: historyAsOf(day), on: day)
        }
        let concluded = city.records.filter { $0.facts.concludedOn != nil }
        years = Set(concluded.map { $0.facts.concludedOn!.year }).sorted().map { year in
            (
                year,
                concluded.filter { $0.facts.concludedOn!.year == year }.reduce(Assessment.LossTally()) {
                    $0 + Assessment.LossTally(concluded: 1, losses: $1.lost ? 1 : 0)
                }
            )
        }
        let trainingYears = trainingYears
        let training = concluded.filter { trainingYears.contains($0.facts.concludedOn!.year) }
        let heldOut = concluded.filter { $0.facts.concludedOn!.year == lastYear }
        let score = { (record: EvaluationCity.Record) in closing[record.facts.caseKey]!.score }
        trainingAUC = RankStatistics.auc(training.map { (score($0), $0.lost) })
        heldOutAUC = RankStatistics.auc(heldOut.map { (score($0), $0.lost) })
        modelAUC = RankStatistics.auc(
            heldOut.compactMap { record in record.modelProbability.map { ($0, record.lost) } })
        heldOutCases = heldOut.count
        heldOutLosses = heldOut.count { $0.lost }

        // Each factor at full intensity is one feature; the fit says what the data would weigh.
        let intensities = { (record: EvaluationCity.Record) -> [Double] in
            let risk = closing[record.facts.caseKey]!
            return CaseRiskFactor.allCases.map { factor in
                let weight = rules.risk.weight(factor)
                return weight > 0 ? risk.points(factor) / weight : 0
            }
        }
        let fitted = LogisticFit(training.map { (intensities($0), $0.lost) })
        fit = fitted
        let weights = fitted.suggestedWeights()
        suggestedWeights = Dictionary(uniqueKeysWithValues: zip(CaseRiskFactor.allCases, weights))
        var refitted = rules.risk
        refitted.weights = suggestedWeights
        let refittedScorer = CaseRiskScorer(rules: refitted, explained: false)
        suggestedAUC = RankStatistics.auc(
            heldOut.map { record in
                let day = RiskOutlook.closingDay(of: record.facts)!
                return (refittedScorer.assess(record.facts, history: historyAsOf(day), on: day).score, record.lost)
            })
        factors = CaseRiskFactor.allCases.enumerated().map { index, factor in
            var with = Assessment.LossTally()
            var without = Assessment.LossTally()
            for record in heldOut {
                let tally = Assessment.LossTally(concluded: 1, losses: record.lost ? 1 : 0)
                if closing[record.facts.caseKey]!.points(factor) > 0 { with += tally } else { without += tally }
            }
            return FactorSummary(
                factor: factor, withFactor: with, without: without, coefficient: fitted.coefficients[index])
        }

        // Calibration: fitted on the training years, and rolling as the service fits it.
        let trainingCalibration = ScoreCalibration(
            scored: training.map { (score($0), $0.lost) }, bandWidth: rules.forecast.calibrationBandWidth,
            smoothing: rules.forecast.calibrationSmoothing, prior: rules.risk.priorLossRate)
        var rollingCache: [Int32: ScoreCalibration] = [:]
        func rolling(_ record: EvaluationCity.Record) -> Double {
            let day = RiskOutlook.closingDay(of: record.facts)!
            let month = day.key / 100
            if rollingCache[month] == nil {
                let window = CaseRiskHistory.window(before: day, months: rules.risk.historyMonths)
                rollingCache[month] = ScoreCalibration(
                    scored: history.concluded(in: window).map { (score($0), $0.lost) },
                    bandWidth: rules.forecast.calibrationBandWidth, smoothing: rules.forecast.calibrationSmoothing,
                    prior: rules.risk.priorLossRate)
            }
            return rollingCache[month]!.probability(score: score(record))
        }
        let ordered = heldOut.sorted { (score($0), $0.facts.caseKey) < (score($1), $1.facts.caseKey) }
        var rows: [CalibrationRow] = []
        for decile in 0..<10 where !ordered.isEmpty {
            let slice = ordered[(decile * ordered.count / 10)..<((decile + 1) * ordered.count / 10)]
            guard let first = slice.first, let last = slice.last else { continue }
            rows.append(
                CalibrationRow(
                    scores: score(first)...score(last), cases: slice.count, losses: slice.count { $0.lost },
                    predicted: slice.reduce(0) { $0 + trainingCalibration.probability(score: score($1)) }
                        / Double(slice.count),
                    rollingPredicted: slice.reduce(0) { $0 + rolling($1) } / Double(slice.count)))
        }
        calibration = rows
        brier = RankStatistics.brier(heldOut.map { (trainingCalibration.probability(score: score($0)), $0.lost) })
        rollingBrier = RankStatistics.brier(heldOut.map { (rolling($0), $0.lost) })
        let levels = heldOut.map { closing[$0.facts.caseKey]!.level }
        levelShares = (
            Double(levels.count { $0 == .red }) / Double(max(levels.count, 1)),
            Double(levels.count { $0 == .yellow }) / Double(max(levels.count, 1))
        )
        lossRateByLevel = [CaseRisk.Level.red, .yellow, .green].map { level in
            (
                level,
                heldOut.filter { closing[$0.facts.caseKey]!.level == level }.reduce(Assessment.LossTally()) {
                    $0 + Assessment.LossTally(concluded: 1, losses: $1.lost ? 1 : 0)
                }
            )
        }

        // The monthly reviews, from the first month with a full history window.
        let lostByCase = Dictionary(uniqueKeysWithValues: city.records.map { ($0.facts.caseKey, $0.lost) })
        var projections: [String: [ForecastBacktest.Projection]] = [:]
        var screening: [(score: Double, lost: Bool)] = []
        var day = CivilDate(year: city.firstYear + 1, month: 1, day: 1)!
        let lastMonthStart = CalendarPeriod.month(containing: city.lastDay).days.lowerBound
        while day <= lastMonthStart {
            let outlook = RiskOutlook(
                history.inputs(on: day) { closing[$0.facts.caseKey]?.score }, risk: rules.risk,
                forecast: rules.forecast, threshold: rules.escalation.threshold)
            for projection in outlook.projections {
                let forecast = projection.forecast
                projections["\(projection.regionKey)/\(forecast.quarter)", default: []].append(
                    ForecastBacktest.Projection(
                        day: day, rate: forecast.rate, low: forecast.low, high: forecast.high,
                        expectedConclusions: forecast.expectedConclusions, crosses: projection.crosses))
            }
            if day.year == lastYear {
                for item in outlook.assessments where item.facts.concludedOn != nil {
                    screening.append((item.risk.score, lostByCase[item.facts.caseKey] ?? false))
                }
            }
            guard let next = CalendarPeriod.month(containing: day).next?.days.lowerBound else { break }
            day = next
        }
        screeningAUC = RankStatistics.auc(screening)
        screeningPairs = screening.count

        var quarterRows: [ForecastBacktest.RegionQuarter] = []
        var quarter = CalendarPeriod.quarter(year: city.firstYear + 1, quarter: 1)
        let threshold = rules.escalation
        while quarter.days.upperBound <= city.lastDay {
            let actual = history.regionTallies(concludedIn: quarter.days)
            let previous = CalendarPeriod.quarter(containing: quarter.days.lowerBound.adding(days: -1)!)
            let before = history.regionTallies(concludedIn: previous.days)
            for region in city.regions {
                let tally = actual[region] ?? Assessment.LossTally()
                let earlier = before[region] ?? Assessment.LossTally()
                quarterRows.append(
                    ForecastBacktest.RegionQuarter(
                        region: region, quarter: quarter, actual: tally,
                        crossed: threshold.crosses(losses: tally.losses, concluded: tally.concluded),
                        projections: projections["\(region)/\(quarter)"] ?? [],
                        previousCrossed: threshold.crosses(losses: earlier.losses, concluded: earlier.concluded)))
            }
            guard let next = quarter.next else { break }
            quarter = next
        }
        backtest = ForecastBacktest(rows: quarterRows)
    }
}
