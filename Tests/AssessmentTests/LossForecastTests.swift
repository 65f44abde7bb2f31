import Assessment
import SharedDomain
import Testing

@Suite struct LossForecastTests {
    /// Ten cases that took 10, 20, …, 100 days.
    static let tens = ConclusionTimes(stride(from: 10, through: 100, by: 10).map { Int64($0) }, minimum: 5)

    @Test func conclusionProbabilitiesAreConditionalOnTheTimeAlreadyOpen() {
        #expect(Self.tens.probability(concludingAt: 0...30, openAt: 0) == 0.3)
        // Six cases ran at least 45 days; three of them ended at 50, 60 or 70.
        #expect(Self.tens.probability(concludingAt: 50...70, openAt: 45) == 0.5)
        // Ages before the case's own age cannot be reached.
        #expect(Self.tens.probability(concludingAt: 0...40, openAt: 45) == 0)
        #expect(Self.tens.typicalDays == 50)
    }

    /// Older than all but four observed cases: the rest of its time is exponential with the typical
    /// time as mean, so the next 50 days hold 1 - e^-1 of it.
    @Test func aCaseOlderThanAlmostEveryObservedCaseHasAnExponentialTail() {
        let p = Self.tens.probability(concludingAt: 75...124, openAt: 75)
        #expect(abs(p - (1 - RiskMath.exp(-1))) < 1e-12)
        #expect(abs(RiskMath.exp(-1) - 0.367_879_441_171_442_3) < 1e-15)
        #expect(abs(RiskMath.log(10) - 2.302_585_092_994_046) < 1e-14)
    }

    /// Every case takes exactly 30 days. As of 1 July, a case 10 days old concludes on 21 July.
    static let thirty = ConclusionTimes(Array(repeating: 30, count: 20))

    @Test func expectedLossesOverExpectedConclusionsWithTheDeltaMethodInterval() {
        let forecast = LossForecast(
            LossForecast.Inputs(
                day: .on(2024, 7, 1), quarter: .quarter(year: 2024, quarter: 3), concluded: LossTally(),
                openCases: [
                    LossForecast.OpenCase(ageDays: 10, lossProbability: 0.5),
                    LossForecast.OpenCase(ageDays: 5, lossProbability: 0.1),
                ], conclusionTimes: Self.thirty))
        #expect(forecast.expectedConclusions == 2)
        #expect(abs(forecast.expectedLosses - 0.6) < 1e-12)
        #expect(abs(forecast.rate! - 0.3) < 1e-12)
        // Both conclude for sure, so only the losses vary: (0.25 + 0.09) / 2².
        #expect(abs(forecast.standardDeviation - 0.085.squareRoot()) < 1e-12)
        // The interval is clamped to rates that can be.
        #expect(forecast.low == 0)
        #expect(abs(forecast.high - (0.3 + 1.2816 * 0.085.squareRoot())) < 1e-12)
        #expect(forecast.crosses(Fraction(1, 10)!, minimumConclusions: 2))
        #expect(!forecast.crosses(Fraction(1, 10)!, minimumConclusions: 5))
    }

    @Test func casesAlreadyConcludedInTheQuarterCountAsTheyAre() {
        let forecast = LossForecast(
            LossForecast.Inputs(
                day: .on(2024, 8, 1), quarter: .quarter(year: 2024, quarter: 3),
                concluded: LossTally(concluded: 8, losses: 0),
                openCases: [LossForecast.OpenCase(ageDays: 25, lossProbability: 1)], conclusionTimes: Self.thirty))
        #expect(forecast.expectedConclusions == 9)
        #expect(forecast.expectedLosses == 1)
        #expect(forecast.crosses(Fraction(1, 10)!, minimumConclusions: 5))
        #expect(
            forecast.explanation(threshold: Fraction(1, 10)!)
                == "预计 2024Q3 一审审结 9.0 件、败诉 1.0 件，败诉率 11.1%（约 80% 区间 11.1%–11.1%），高于 10% 约谈线，含本季已审结 8 件、败诉 0 件")
    }

    /// Next quarter (October-December) as of 1 July: the open cases conclude in July, and cases filed
    /// 1 September to 1 December conclude inside it, 92 days of filings at 0.5 a day.
    @Test func theNextQuarterIsMadeOfCasesNotYetFiled() {
        let forecast = LossForecast(
            LossForecast.Inputs(
                day: .on(2024, 7, 1), quarter: .quarter(year: 2024, quarter: 4), concluded: LossTally(),
                openCases: [LossForecast.OpenCase(ageDays: 10, lossProbability: 0.5)], conclusionTimes: Self.thirty,
                filingsPerDay: 0.5, newCaseLossProbability: 0.2))
        #expect(forecast.newFilingConclusions == 46)
        #expect(forecast.expectedConclusions == 46)
        #expect(abs(forecast.rate! - 0.2) < 1e-12)
    }

    @Test func nothingExpectedMeansNoRateAndNoCrossing() {
        let forecast = LossForecast(
            LossForecast.Inputs(
                day: .on(2024, 7, 1), quarter: .quarter(year: 2024, quarter: 4), concluded: LossTally(), openCases: [],
                conclusionTimes: Self.thirty))
        #expect(forecast.rate == nil)
        #expect(!forecast.crosses(Fraction(1, 10)!, minimumConclusions: 0))
    }

    @Test func calibrationBandsAreSmoothedAndNeverFallAsTheScoreRises() {
        // 20 cases at score 15 with 4 losses, 20 at 25 with 2, 20 at 55 with 10.
        var scored: [(score: Double, lost: Bool)] = []
        for (score, losses) in [(15.0, 4), (25.0, 2), (55.0, 10)] {
            scored += (0..<20).map { (score: score, lost: $0 < losses) }
        }
        let calibration = ScoreCalibration(scored: scored, bandWidth: 10, smoothing: 5, prior: 0.08)
        let base = 16.0 / 60
        #expect(abs(calibration.baseRate - base) < 1e-12)
        // Bands 1 and 2 smooth to (4 + 5·base)/25 and (2 + 5·base)/25, out of order, so they pool;
        // the empty bands between take the band below.
        let pooled = ((4 + 5 * base) / 25 + (2 + 5 * base) / 25) / 2
        #expect(abs(calibration.probability(score: 15) - pooled) < 1e-12)
        #expect(abs(calibration.probability(score: 25) - pooled) < 1e-12)
        #expect(abs(calibration.probability(score: 45) - pooled) < 1e-12)
        #expect(abs(calibration.probability(score: 55) - (10 + 5 * base) / 25) < 1e-12)
        #expect(calibration.probability(score: 95) == calibration.probability(score: 55))
        #expect(calibration.probability(score: 0) == calibration.probability(score: 15))
        let probabilities = stride(from: 0.0, through: 100, by: 5).map { calibration.probability(score: $0) }
        #expect(probabilities == probabilities.sorted())
        #expect(calibration.bands[5].cases == 20 && calibration.bands[5].losses == 10)
    }
}
