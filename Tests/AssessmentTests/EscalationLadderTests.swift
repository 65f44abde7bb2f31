import Assessment
import Messages
import SharedDomain
import Stubs
import Testing

/// The escalation ladder (DESIGN.md, "Escalation"; alerts.proto, LossRateThresholdCrossed): which
/// quarters cross, how crossings are numbered per region and counting window, what each rung
/// calls for, and that a quarter is judged once.
@Suite struct EscalationLadderTests {
    typealias Intake = Shuangjiang.Intake.V1

    /// `losses` of `total` concluded in the middle of `quarter` of `year`, filed a month earlier.
    static func quarter(
        _ harness: AssessmentHarness, _ agency: Intake.Agency, _ year: Int32, _ quarter: Int32, losses: Int,
        of total: Int
    ) -> [AssessmentHarness.Concluded] {
        let month = (quarter - 1) * 3 + 2
        return harness.cases(
            agency, losses: losses, of: total, filed: .on(year, month - 1, 3), concluded: .on(year, month, 15))
    }

    @Test func twoCountiesCrossingInDifferentQuartersAreNumberedEachOnItsOwn() async throws {
        let harness = try await AssessmentHarness()
        let shuyang = try await harness.agency("沭阳县人民政府", in: try await harness.region("沭阳县", code: "321322"))
        let siyang = try await harness.agency("泗阳县人民政府", in: try await harness.region("泗阳县", code: "321323"))
        let sucheng = try await harness.agency("宿城区人民政府", in: try await harness.region("宿城区", code: "321302"))
        var cases: [AssessmentHarness.Concluded] = []
        // 沭阳 crosses in Q1 and Q3, 泗阳 in Q2 and Q4; 宿城 sits at exactly 10 % all year.
        for (quarter, shuyangLosses, siyangLosses) in [(Int32(1), 3, 1), (2, 1, 4), (3, 6, 0), (4, 0, 2)] {
            cases += Self.quarter(harness, shuyang, 2022, quarter, losses: shuyangLosses, of: 20)
            cases += Self.quarter(harness, siyang, 2022, quarter, losses: siyangLosses, of: 15)
            cases += Self.quarter(harness, sucheng, 2022, quarter, losses: 1, of: 10)
        }
        try await harness.importConcluded(cases)
        try await harness.sync()

        let crossings = try await harness.crossings()
        let summary = crossings.map {
            "\($0.details.regionId) \($0.quarter) #\($0.details.occurrence) \($0.details.lossRate.ratio)"
        }
        #expect(
            summary == [
                "\(shuyang.regionId) 2022Q1 #1 3/20", "\(siyang.regionId) 2022Q2 #1 4/15",
                "\(shuyang.regionId) 2022Q3 #2 6/20", "\(siyang.regionId) 2022Q4 #2 2/15",
            ])
        #expect(crossings.map(\.details.escalation) == [.interview, .interview, .selfCriticism, .selfCriticism])
        for crossing in crossings {
            #expect(crossing.details.countingWindow?.kind == .year && crossing.details.countingWindow?.year == 2022)
            #expect(
                crossing.details.countingWindow?.firstDay?.month == 1
                    && crossing.details.countingWindow?.lastDay?.day == 31)
        }
        await harness.stop()
    }

    @Test func aNewCalendarYearStartsTheCountAgain() async throws {
        let harness = try await AssessmentHarness()
        let agency = try await harness.agency("沭阳县人民政府", in: try await harness.region("沭阳县", code: "321322"))
        try await harness.importConcluded(
            Self.quarter(harness, agency, 2022, 3, losses: 3, of: 20)
                + Self.quarter(harness, agency, 2022, 4, losses: 4, of: 20)
                + Self.quarter(harness, agency, 2023, 1, losses: 5, of: 20)
                + Self.quarter(harness, agency, 2023, 2, losses: 5, of: 20))
        try await harness.sync()

        let crossings = try await harness.crossings()
        #expect(crossings.map(\.quarter) == ["2022Q3", "2022Q4", "2023Q1", "2023Q2"])
        #expect(crossings.map(\.details.occurrence) == [1, 2, 1, 2])
        #expect(crossings.map(\.details.escalation) == [.interview, .selfCriticism, .interview, .selfCriticism])
        #expect(crossings.map { $0.details.countingWindow?.year } == [2022, 2022, 2023, 2023])
        await harness.stop()
    }

    @Test func aThirdCrossingInAYearStillCallsForSelfCriticism() async throws {
        let harness = try await AssessmentHarness()
        let agency = try await harness.agency("泗洪县人民政府", in: try await harness.region("泗洪县", code: "321324"))
        var cases: [AssessmentHarness.Concluded] = []
        for quarter in Int32(1)...4 { cases += Self.quarter(harness, agency, 2022, quarter, losses: 3, of: 20) }
        try await harness.importConcluded(cases)
        try await harness.sync()

        let crossings = try await harness.crossings()
        #expect(crossings.map(\.details.occurrence) == [1, 2, 3, 4])
        // The last rung stands for every later crossing.
        #expect(crossings.map(\.details.escalation) == [.interview, .selfCriticism, .selfCriticism, .selfCriticism])
        await harness.stop()
    }

    @Test func aConfiguredLadderOfThreeRungsIsClimbedInOrder() async throws {
        let rules = AssessmentRules(escalation: EscalationRules(ladder: [.interview, .interview, .selfCriticism]))
        let harness = try await AssessmentHarness(rules: rules)
        let agency = try await harness.agency("泗洪县人民政府", in: try await harness.region("泗洪县", code: "321324"))
        var cases: [AssessmentHarness.Concluded] = []
        for quarter in Int32(1)...4 { cases += Self.quarter(harness, agency, 2022, quarter, losses: 3, of: 20) }
        try await harness.importConcluded(cases)
        try await harness.sync()

        let crossings = try await harness.crossings()
        #expect(crossings.map(\.details.occurrence) == [1, 2, 3, 4])
        #expect(crossings.map(\.details.escalation) == [.interview, .interview, .selfCriticism, .selfCriticism])
        await harness.stop()
    }

    @Test func aConfiguredThresholdOfEightPercentIsComparedExactly() async throws {
        let rules = AssessmentRules(escalation: EscalationRules(threshold: Fraction(8, 100)!))
        let harness = try await AssessmentHarness(rules: rules)
        let agency = try await harness.agency("泗洪县人民政府", in: try await harness.region("泗洪县", code: "321324"))
        try await harness.importConcluded(
            Self.quarter(harness, agency, 2022, 1, losses: 2, of: 25)  // exactly 8 %: no crossing
                + Self.quarter(harness, agency, 2022, 2, losses: 1, of: 12)  // 8.33 %: over 8 %, under 10 %
                + Self.quarter(harness, agency, 2022, 3, losses: 0, of: 12)
                + Self.quarter(harness, agency, 2022, 4, losses: 3, of: 25))  // 12 %
        try await harness.sync()

        let crossings = try await harness.crossings()
        #expect(crossings.map(\.quarter) == ["2022Q2", "2022Q4"])
        #expect(crossings.map(\.details.occurrence) == [1, 2])
        #expect(crossings.map(\.details.lossRate.ratio) == ["1/12", "3/25"])
        // The line as a reduced fraction, and for display.
        #expect(crossings.first?.details.thresholdNumerator == 2 && crossings.first?.details.thresholdDenominator == 25)
        #expect(crossings.first?.details.threshold == 0.08)
        await harness.stop()
    }

    /// Conclusions recorded after a quarter was judged revise its indicators but judge nothing again.
    @Test func aQuarterIsJudgedOnceAndLateConclusionsOnlyReviseItsFigures() async throws {
        let harness = try await AssessmentHarness()
        let county = try await harness.region("泗洪县", code: "321324")
        let agency = try await harness.agency("泗洪县人民政府", in: county)
        try await harness.importConcluded(Self.quarter(harness, agency, 2022, 1, losses: 1, of: 20))  // 5 %
        try await harness.sync()
        #expect(try await harness.crossings().isEmpty)
        let before = try await harness.watchedAlerts().count

        // Five more losses in the same quarter: 6 of 25 = 24 %, recorded after judging.
        try await harness.importConcluded(Self.quarter(harness, agency, 2022, 1, losses: 5, of: 5))
        try await harness.sync()
        let response = try await harness.indicators(Request.region(county), Request.quarter(2022, 1))
        #expect(response.current?.lossRate.ratio == "6/25")
        #expect(try await harness.crossings().isEmpty)
        // Only the new losses' case-lost alerts: no crossing, no red warning for the quarter.
        let later = try await harness.watchedAlerts(after: Int64(before))
        #expect(later.count == 5 && later.allSatisfy { $0.kind == .caseLost })
        await harness.stop()
    }

    /// Whatever day the tests run, the quarter containing it is open, and the one before it ended
    /// at most 92 days earlier: a 100-day grace keeps it unjudged, no grace judges it.
    @Test(arguments: [(Int64(100), false), (0, true)])
    func anOpenQuarterRaisesNothingAndAClosedOneWaitsForItsGrace(graceDays: Int64, judged: Bool) async throws {
        let harness = try await AssessmentHarness(
            rules: AssessmentRules(escalation: EscalationRules(graceDays: graceDays)))
        // Intake accepts dates up to assessment's now, so a case can conclude in the open quarter.
        harness.intakeClock.set(harness.assessmentClock.now())
        let today = try #require(CityTimeZone.shanghai.date(of: harness.assessmentClock.now()))
        let open = CalendarPeriod.quarter(containing: today)
        let lastDayBefore = open.days.lowerBound.plus(-1)
        let agency = try await harness.agency("泗洪县人民政府", in: try await harness.region("泗洪县", code: "321324"))
        try await harness.importConcluded(
            harness.cases(agency, losses: 5, of: 10, filed: open.days.lowerBound, concluded: today)
                + harness.cases(agency, losses: 4, of: 10, filed: lastDayBefore, concluded: lastDayBefore))
        try await harness.sync()

        let crossings = try await harness.crossings()
        #expect(crossings.map(\.details.lossRate.ratio) == (judged ? ["4/10"] : []))
        #expect(crossings.allSatisfy { $0.details.lossRate.ratio != "5/10" })
        await harness.stop()
    }
}
