public import SharedDomain

/// One region's projected first-instance loss rate for a quarter, as of a day: expected losses
/// over expected conclusions, where each open case concludes within the quarter with the
/// probability the time-to-conclusion distribution gives for its age, and is lost with the
/// probability its risk score is calibrated to; cases already concluded in the quarter count as
/// they are, and cases not yet filed arrive at the region's recent filing rate. The interval is
/// the normal approximation to the ratio of the two sums of Bernoullis (delta method).
public struct LossForecast: Equatable, Sendable {
    public struct OpenCase: Equatable, Sendable {
        /// Days since filing at the start of the forecast day.
        public let ageDays: Int64
        public let lossProbability: Double

        public init(ageDays: Int64, lossProbability: Double) {
            self.ageDays = ageDays
            self.lossProbability = lossProbability
        }
    }

    public struct Inputs: Sendable {
        /// The first day whose conclusions are not known yet.
        public var day: CivilDate
        public var quarter: CalendarPeriod
        /// Conclusions in the quarter before `day`.
        public var concluded: LossTally
        public var openCases: [OpenCase]
        public var conclusionTimes: ConclusionTimes
        /// Expected new first-instance filings a day, and their loss probability.
        public var filingsPerDay: Double
        public var newCaseLossProbability: Double

        public init(
            day: CivilDate, quarter: CalendarPeriod, concluded: LossTally, openCases: [OpenCase],
            conclusionTimes: ConclusionTimes, filingsPerDay: Double = 0, newCaseLossProbability: Double = 0
        ) {
            self.day = day
            self.quarter = quarter
            self.concluded = concluded
            self.openCases = openCases
            self.conclusionTimes = conclusionTimes
            self.filingsPerDay = filingsPerDay
            self.newCaseLossProbability = newCaseLossProbability
        }
    }

    public let quarter: CalendarPeriod
    public let expectedConclusions: Double
    public let expectedLosses: Double
    /// Of the expectations, what is already concluded and what new filings add.
    public let concluded: LossTally
    public let newFilingConclusions: Double
    /// Standard deviation of the projected rate.
    public let standardDeviation: Double
    public let z: Double

    /// Nil when no conclusion is expected.
    public var rate: Double? { expectedConclusions > 0 ? expectedLosses / expectedConclusions : nil }
    public var low: Double { max((rate ?? 0) - z * standardDeviation, 0) }
    public var high: Double { min((rate ?? 0) + z * standardDeviation, 1) }

    public init(_ inputs: Inputs, z: Double = 1.2816) {
        let firstDay = inputs.quarter.days.lowerBound.daysSinceEpoch
        let lastDay = inputs.quarter.days.upperBound.daysSinceEpoch
        let today = inputs.day.daysSinceEpoch
        var conclusions = Double(inputs.concluded.concluded)
        var losses = Double(inputs.concluded.losses)
        var varianceC = 0.0
        var varianceL = 0.0
        var covariance = 0.0
        let times = inputs.conclusionTimes
        if today <= lastDay {
            // An open case of age a concludes in the quarter at an age from a + (its first day
            // still to come - today) to a + (its last day - today).
            let startOffset = max(firstDay - today, 0)
            let endOffset = lastDay - today
            for open in inputs.openCases {
                let c = times.probability(
                    concludingAt: (open.ageDays + startOffset)...(open.ageDays + endOffset), openAt: open.ageDays)
                let p = min(max(open.lossProbability, 0), 1)
                let l = c * p
                conclusions += c
                losses += l
                varianceC += c * (1 - c)
                varianceL += l * (1 - l)
                covariance += l * (1 - c)
            }
        }
        var fromNew = 0.0
        if inputs.filingsPerDay > 0, today <= lastDay {
            // Filings arrive as a Poisson stream; a case filed on day f concludes in the quarter
            // at an age from max(first - f, 0) to last - f.
            for filed in today...lastDay {
                let c = times.probability(concludingAt: max(firstDay - filed, 0)...(lastDay - filed), openAt: 0)
                fromNew += inputs.filingsPerDay * c
            }
            let p = min(max(inputs.newCaseLossProbability, 0), 1)
            conclusions += fromNew
            losses += fromNew * p
            varianceC += fromNew
            varianceL += fromNew * p
            covariance += fromNew * p
        }
        quarter = inputs.quarter
        expectedConclusions = conclusions
        expectedLosses = losses
        concluded = inputs.concluded
        newFilingConclusions = fromNew
        self.z = z
        if conclusions > 0 {
            let r = losses / conclusions
            let variance = (varianceL - 2 * r * covariance + r * r * varianceC) / (conclusions * conclusions)
            standardDeviation = max(variance, 0).squareRoot()
        } else {
            standardDeviation = 0
        }
    }

    /// One sentence for people, e.g. for the projected-crossing alert.
    public func explanation(threshold: Fraction) -> String {
        let sofar =
            concluded.concluded > 0 ? "，含本季已审结 \(concluded.concluded) 件、败诉 \(concluded.losses) 件" : ""
        return
            "预计 \(quarter) 一审审结 \(RiskText.decimal(expectedConclusions)) 件、败诉 \(RiskText.decimal(expectedLosses)) 件，败诉率 \(RiskText.percent(rate ?? 0))（约 80% 区间 \(RiskText.percent(low))–\(RiskText.percent(high))），高于 \(threshold.percent()) 约谈线\(sofar)"
    }

    /// Whether the central estimate exceeds `threshold` with enough expected conclusions to act on;
    /// compared as losses × denominator > numerator × conclusions.
    public func crosses(_ threshold: Fraction, minimumConclusions: Double) -> Bool {
        guard expectedConclusions >= minimumConclusions, expectedConclusions > 0 else { return false }
        return expectedLosses * Double(threshold.denominator) > Double(threshold.numerator) * expectedConclusions
    }
}
