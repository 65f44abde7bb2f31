import Assessment
import GRPC
import GRPCCore
import Messages
import ServiceKit
import SharedDomain
import Stubs
import Testing

@Suite struct AssessmentServiceTests {
    typealias V1 = Shuangjiang.Assessment.V1

    static func scope(_ region: Shuangjiang.Intake.V1.Region) -> Shuangjiang.Common.V1.Scope {
        var scope = Shuangjiang.Common.V1.Scope()
        scope.unit = .regionId(region.id)
        return scope
    }

    static func period(_ kind: Shuangjiang.Common.V1.PeriodKind, _ year: Int32, _ index: Int32 = 0)
        -> Shuangjiang.Common.V1.Period
    {
        var period = Shuangjiang.Common.V1.Period()
        period.kind = kind
        period.year = year
        period.index = index
        return period
    }

    /// Suqian's first-instance loss rate, 4.5 % in 2021 and 7.5 % in 2022 (printed to one decimal),
    /// from case-level data: 1 of 22, then 3 of 40.
    @Test func indicatorsComeFromCaseLevelDataAndCompareWithAYearEarlier() async throws {
        let harness = try await AssessmentHarness()
        let county = try await harness.region("沭阳县", code: "321322")
        let agency = try await harness.agency("沭阳县人民政府", in: county)
        try await harness.importConcluded(
            harness.cases(agency, losses: 1, of: 22, filed: .on(2021, 2, 1), concluded: .on(2021, 6, 1))
                + harness.cases(agency, losses: 3, of: 40, filed: .on(2022, 2, 1), concluded: .on(2022, 6, 1)))
        try await harness.sync()

        var request = V1.GetIndicatorsRequest()
        request.scope = Self.scope(county)
        request.period = Self.period(.year, 2022)
        let response = try await harness.assessment.getIndicators(request)
        #expect(response.current?.lossRate?.numerator == 3 && response.current?.lossRate?.denominator == 40)
        #expect(response.current?.lossRate?.formula == "loss_rate.concluded")
        #expect(Fraction(3, 40)!.percent(decimals: 1) == "7.5%")
        #expect(response.yearEarlier?.lossRate?.numerator == 1 && response.yearEarlier?.lossRate?.denominator == 22)
        #expect(Fraction(1, 22)!.percent(decimals: 1) == "4.5%")
        #expect(response.current?.caseVolume == 40 && response.yearEarlier?.caseVolume == 22)
        #expect(response.doubleDecline?.verdict == .notAchieved)
        #expect(response.doubleDecline?.explanation == "发案量 22→40，败诉率 4.55%→7.5%，发案量未下降、败诉率未下降，未实现双下降")
        #expect(response.intakeSequence > 0)
        #expect(response.period?.firstDay?.month == 1 && response.period?.lastDay?.day == 31)
        await harness.stop()
    }

    /// A county crossing 10 % in two quarters of a year gets two alerts numbered 1 and 2, the
    /// second calling for a self-criticism; a quarter at exactly 10 % gets none.
    @Test func quarterlyCrossingsAreNumberedWithinTheYearAndTheLineIsExact() async throws {
        let harness = try await AssessmentHarness()
        let county = try await harness.region("泗洪县", code: "321324")
        let agency = try await harness.agency("泗洪县人民政府", in: county)
        // Quarterly loss rates 15 %, 10 %, 25 %, 5 %.
        try await harness.importConcluded(
            harness.cases(agency, losses: 3, of: 20, filed: .on(2022, 1, 5), concluded: .on(2022, 2, 10))
                + harness.cases(agency, losses: 2, of: 20, filed: .on(2022, 4, 5), concluded: .on(2022, 5, 10))
                + harness.cases(agency, losses: 5, of: 20, filed: .on(2022, 7, 5), concluded: .on(2022, 8, 10))
                + harness.cases(agency, losses: 1, of: 20, filed: .on(2022, 10, 5), concluded: .on(2022, 11, 10)))
        try await harness.sync()

        var request = V1.ListAlertsRequest()
        request.kind = .lossRateThresholdCrossed
        let alerts = try await harness.assessment.listAlerts(request).alerts
        #expect(alerts.count == 2)
        let crossings = alerts.reversed().compactMap { alert -> V1.LossRateThresholdCrossed? in
            if case .lossRateThresholdCrossed(let details) = alert.details { return details }
            return nil
        }
        #expect(crossings.map(\.occurrence) == [1, 2])
        #expect(crossings.map(\.escalation) == [.interview, .selfCriticism])
        #expect(crossings.map { $0.lossRate?.numerator } == [3, 5])
        #expect(crossings.first?.thresholdNumerator == 1 && crossings.first?.thresholdDenominator == 10)
        #expect(alerts.reversed().map { $0.period?.index } == [1, 3])

        // Judged once: syncing and judging again raises nothing new.
        try await harness.sync()
        #expect(try await harness.assessment.listAlerts(request).alerts.count == 2)
        await harness.stop()
    }

    @Test func aMissingScopeAndAnUnknownRegionAreRefused() async throws {
        let harness = try await AssessmentHarness()
        var request = V1.GetIndicatorsRequest()
        request.period = Self.period(.quarter, 2022, 5)
        let error = await #expect(throws: RPCError.self) { try await harness.assessment.getIndicators(request) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message == "scope: required: city, region_id or agency_id; period.index: must be a quarter 1-4")
        var unknown = V1.GetIndicatorsRequest()
        var scope = Shuangjiang.Common.V1.Scope()
        scope.unit = .regionId("region-99")
        unknown.scope = scope
        unknown.period = Self.period(.year, 2022)
        let notFound = await #expect(throws: RPCError.self) { try await harness.assessment.getIndicators(unknown) }
        #expect(notFound?.code == .notFound)
        await harness.stop()
    }
}
