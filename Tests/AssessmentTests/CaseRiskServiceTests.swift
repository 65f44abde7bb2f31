import Assessment
import GRPC
import GRPCCore
import Messages
import ServiceKit
import SharedDomain
import Stubs
import Testing

@Suite struct CaseRiskServiceTests {
    typealias V1 = Shuangjiang.Assessment.V1

    static func month(_ year: Int32, _ month: Int32, kind: Shuangjiang.Common.V1.PeriodKind = .month)
        -> Shuangjiang.Common.V1.Period
    {
        var period = Shuangjiang.Common.V1.Period()
        period.kind = kind
        period.year = year
        period.index = month
        return period
    }

    static func assess(_ harness: AssessmentHarness, _ caseId: String) async throws -> V1.CaseAssessment {
        var request = V1.AssessCaseRequest()
        request.caseId = caseId
        return try await harness.assessment.assessCase(request)
    }

    /// An agency that lost 4 of 20 in 2024, and an open case of it with failed mediation and a
    /// hearing held with no head appearance, assessed on 2025-01-20: the history is 2024.
    @Test func anOpenCaseIsScoredFromItsEventsAndItsAgencysHistoryWithEveryFactor() async throws {
        let harness = try await AssessmentHarness()
        let county = try await harness.region("沭阳县", code: "321322")
        let agency = try await harness.agency("沭阳县人民政府", in: county)
        try await harness.importConcluded(
            harness.cases(agency, losses: 4, of: 20, filed: .on(2024, 2, 1), concluded: .on(2024, 6, 1)))
        var open = try await harness.file(agency, docket: 9001, filedOn: .on(2024, 10, 8))
        open = try await harness.record(
            open,
            AssessmentHarness.mediation(.failed, on: .on(2024, 10, 20)) + [
                AssessmentHarness.hearing(on: .on(2024, 12, 20))
            ])
        try await harness.sync()
        harness.setAssessmentDay(.on(2025, 1, 20))

        let assessment = try await Self.assess(harness, open.id)
        let points = Dictionary(uniqueKeysWithValues: assessment.factors.map { ($0.name, $0.points) })
        // City 4/20 smoothed toward 8 %: 16 %; the agency (4 + 1.6) / 30 = 18.7 %: 18.7 of 20.
        #expect(points["agency_loss_history"] == 18.7)
        #expect(points["category_loss_rate"] == 14.0)
        #expect(points["no_head_appearance"] == 15)
        #expect(points["mediation_failed"] == 10)
        #expect(points["time_open"] == 0)
        #expect(points["related_opinion"] == 0)
        #expect(assessment.factors.count == CaseRiskFactor.allCases.count)
        #expect(assessment.score == 57.7)
        #expect(assessment.riskLevel == .red)
        #expect(assessment.redThreshold == 50 && assessment.yellowThreshold == 35)
        #expect(assessment.factors.first?.name == "agency_loss_history")
        #expect(
            assessment.factors.first?.explanation
                == "该局近 12 个月一审审结 20 件、败诉 4 件 (20.0%)，向全市 16.0% 平滑后 18.7%，20.0% 计满分")
        #expect(assessment.factors.first { $0.name == "no_head_appearance" }?.explanation == "2024-12-20 已开庭，未记录负责人出庭")
        #expect(assessment.factors.first?.label == "被告机关近一年败诉率")
        #expect(assessment.caseId == open.id && assessment.caseVersion == open.version)
        #expect(assessment.docketNumber == "(2024)苏13行初9001号")
        #expect(assessment.regionId == county.id && assessment.defendantAgencyId == agency.id)
        #expect(assessment.intakeSequence > 0)
        await harness.stop()
    }

    @Test func aCaseNotSeenIsNotFoundAndAConcludedCaseIsNotAssessed() async throws {
        let harness = try await AssessmentHarness()
        let county = try await harness.region("泗洪县", code: "321324")
        let agency = try await harness.agency("泗洪县人民政府", in: county)
        var closed = try await harness.file(agency, docket: 9101, filedOn: .on(2024, 5, 1))
        closed = try await harness.record(closed, [AssessmentHarness.concluded(.claimDismissed, on: .on(2024, 9, 1))])
        let unseen = try await harness.file(agency, docket: 9102, filedOn: .on(2024, 5, 1))
        try await harness.sync()
        let late = try await harness.file(agency, docket: 9103, filedOn: .on(2024, 5, 2))

        let missing = await #expect(throws: RPCError.self) { try await Self.assess(harness, late.id) }
        #expect(missing?.code == .notFound)
        let concluded = await #expect(throws: RPCError.self) { try await Self.assess(harness, closed.id) }
        #expect(concluded?.code == .failedPrecondition)
        #expect(concluded?.message == "\(closed.id) concluded on 2024-09-01: only open cases are assessed")
        let malformed = await #expect(throws: RPCError.self) { try await Self.assess(harness, "agency-1") }
        #expect(malformed?.code == .invalidArgument)
        #expect(try await Self.assess(harness, unseen.id).riskLevel != .unspecified)
        await harness.stop()
    }

    /// Two counties; with the events-only rules (RED at 40, YELLOW at 20):
    /// A1 hearing + failed mediation + opinion (January) = 40, B1 hearing + failed mediation = 25,
    /// A2 hearing + 5 plaintiffs = 20, B2 nothing, A3 concluded.
    @Test func theMonthlyScreeningListsRedAndYellowCasesWithFiltersCountsAndPages() async throws {
        let harness = try await AssessmentHarness(rules: AssessmentRules(risk: .eventsOnly))
        let countyA = try await harness.region("沭阳县", code: "321322")
        let countyB = try await harness.region("泗阳县", code: "321323")
        let agencyA = try await harness.agency("沭阳县人民政府", in: countyA)
        let agencyB = try await harness.agency("泗阳县人民政府", in: countyB)
        let hearing = AssessmentHarness.hearing(on: .on(2024, 12, 20))
        let failed = AssessmentHarness.mediation(.failed, on: .on(2024, 10, 20))
        let a1 = try await harness.record(
            try await harness.file(agencyA, docket: 9201, filedOn: .on(2024, 10, 8)), failed + [hearing])
        try await harness.reportOpinion(about: a1, agency: agencyA, detectedOn: .on(2025, 1, 10))
        let a2 = try await harness.record(
            try await harness.file(agencyA, docket: 9202, filedOn: .on(2024, 10, 8), plaintiffs: 5), [hearing])
        let b1 = try await harness.record(
            try await harness.file(agencyB, docket: 9203, filedOn: .on(2024, 10, 8)), failed + [hearing])
        _ = try await harness.file(agencyB, docket: 9204, filedOn: .on(2024, 10, 8))
        _ = try await harness.record(
            try await harness.file(agencyA, docket: 9205, filedOn: .on(2024, 10, 8)),
            [hearing, AssessmentHarness.concluded(.revoked, on: .on(2025, 1, 5))])
        try await harness.sync()
        harness.setAssessmentDay(.on(2025, 1, 20))

        func list(_ configure: (inout V1.ListHighRiskCasesRequest) -> Void) async throws -> V1.ListHighRiskCasesResponse
        {
            var request = V1.ListHighRiskCasesRequest()
            request.month = Self.month(2025, 1)
            configure(&request)
            return try await harness.assessment.listHighRiskCases(request)
        }
        let all = try await list { _ in }
        #expect(all.cases.map(\.caseId) == [a1.id, b1.id, a2.id])
        #expect(all.cases.map(\.score) == [40, 25, 20])
        #expect(all.cases.map(\.riskLevel) == [.red, .yellow, .yellow])
        #expect(all.redCount == 1 && all.yellowCount == 2)
        #expect(all.month?.firstDay?.day == 1 && all.month?.lastDay?.day == 31)
        #expect(all.nextPageToken.isEmpty)

        let first = try await list { $0.pageSize = 2 }
        #expect(first.cases.map(\.caseId) == [a1.id, b1.id])
        #expect(first.redCount == 1 && first.yellowCount == 2)
        let second = try await list {
            $0.pageSize = 2
            $0.pageToken = first.nextPageToken
        }
        #expect(second.cases.map(\.caseId) == [a2.id])
        #expect(second.nextPageToken.isEmpty)

        let inB = try await list { $0.regionId = countyB.id }
        #expect(inB.cases.map(\.caseId) == [b1.id] && inB.redCount == 0 && inB.yellowCount == 1)
        let ofA = try await list { $0.defendantAgencyId = agencyA.id }
        #expect(ofA.cases.map(\.caseId) == [a1.id, a2.id])
        let red = try await list { $0.level = .red }
        #expect(red.cases.map(\.caseId) == [a1.id] && red.redCount == 1 && red.yellowCount == 0)

        // December as it stood on its last day: the opinion was not detected yet, and the case
        // concluded in January was still open (hearing only: 15, green).
        let december = try await list { $0.month = Self.month(2024, 12) }
        #expect(december.cases.map(\.caseId) == [a1.id, b1.id, a2.id])
        #expect(december.cases.map(\.score) == [25, 25, 20])
        #expect(december.redCount == 0 && december.yellowCount == 3)
        await harness.stop()
    }

    @Test func aScreeningOfAnythingButAPastOrCurrentMonthForRedOrYellowIsRefused() async throws {
        let harness = try await AssessmentHarness()
        harness.setAssessmentDay(.on(2025, 1, 20))
        func refused(_ configure: (inout V1.ListHighRiskCasesRequest) -> Void) async -> RPCError? {
            var request = V1.ListHighRiskCasesRequest()
            request.month = Self.month(2025, 1)
            configure(&request)
            return await #expect(throws: RPCError.self) { try await harness.assessment.listHighRiskCases(request) }
        }
        #expect(
            await refused { $0.level = .green }?.message
                == "level: must be RED or YELLOW: the screening lists no GREEN case")
        #expect(
            await refused { $0.month = Self.month(2025, 1, kind: .quarter) }?.message == "month.kind: must be MONTH")
        #expect(
            await refused { $0.month = Self.month(2025, 2) }?.message
                == "month: must not be in the future (today is 2025-01-20)")
        #expect(await refused { $0.month = nil }?.code == .invalidArgument)
        #expect(await refused { $0.regionId = "region-99" }?.code == .notFound)
        await harness.stop()
    }

    /// Hearing + failed mediation is 25 (yellow); the opinion makes it 40 (red): one alert, with
    /// the level before. The month's review a month later finds it still red and raises nothing.
    @Test func aCaseThatBecomesRedRaisesOneHighRiskCaseAlert() async throws {
        let harness = try await AssessmentHarness(rules: AssessmentRules(risk: .eventsOnly))
        let county = try await harness.region("宿城区", code: "321302")
        let agency = try await harness.agency("宿城区人民政府", in: county)
        let open = try await harness.record(
            try await harness.file(agency, docket: 9301, filedOn: .on(2024, 10, 8)),
            AssessmentHarness.mediation(.failed, on: .on(2024, 10, 20)) + [
                AssessmentHarness.hearing(on: .on(2024, 12, 20))
            ])
        try await harness.sync()
        var request = V1.ListAlertsRequest()
        request.kind = .highRiskCase
        #expect(try await harness.assessment.listAlerts(request).alerts.isEmpty)

        try await harness.reportOpinion(about: open, agency: agency, detectedOn: .on(2025, 1, 10))
        try await harness.sync()
        let alerts = try await harness.assessment.listAlerts(request).alerts
        #expect(alerts.count == 1)
        guard case .highRiskCase(let found) = alerts.first?.details else {
            Issue.record("no high-risk details")
            return
        }
        #expect(found.previousLevel == .yellow)
        #expect(found.assessment?.riskLevel == .red && found.assessment?.score == 40)
        #expect(found.assessment?.caseId == open.id)
        #expect(alerts.first?.subject?.displayName == open.docketNumber)
        #expect(alerts.first?.period?.kind == .month)

        harness.assessmentClock.advance(seconds: 40 * 86_400)
        try await harness.sync()
        #expect(try await harness.assessment.listAlerts(request).alerts.count == 1)
        await harness.stop()
    }

    /// A county that lost half its cases in the last months, with fifteen cases open: at the next
    /// month's review its quarter is projected far above 10 %, and the warning is raised once per
    /// quarter however many reviews follow. Dates are relative to the real day, which is feed time.
    @Test func aRegionProjectedAboveTheLineIsWarnedOncePerQuarter() async throws {
        let rules = AssessmentRules(forecast: LossForecastRules(minimumExpectedConclusions: 1))
        let harness = try await AssessmentHarness(rules: rules)
        let now = SystemClock().now()
        harness.intakeClock.set(now)
        let today = CityTimeZone.shanghai.date(of: now)!
        let county = try await harness.region("泗洪县", code: "321324")
        let agency = try await harness.agency("泗洪县人民政府", in: county)
        try await harness.importConcluded(
            harness.cases(
                agency, losses: 5, of: 10, filed: today.adding(days: -200)!, concluded: today.adding(days: -60)!))
        for docket in 0..<15 {
            _ = try await harness.file(agency, docket: 9400 + docket, filedOn: today.adding(days: -30)!)
        }
        try await harness.sync()
        var request = V1.ListAlertsRequest()
        request.kind = .projectedCrossing
        #expect(try await harness.assessment.listAlerts(request).alerts.isEmpty)

        // The first day of next month, and a day in it.
        let nextMonth = CalendarPeriod.month(containing: today).next!.days.lowerBound
        harness.setAssessmentDay(nextMonth.adding(days: 2)!)
        try await harness.service.judgeDue()
        let alerts = try await harness.assessment.listAlerts(request).alerts
        let quarter = CalendarPeriod.quarter(containing: nextMonth)
        #expect(Set(alerts.map { $0.period?.index ?? 0 }) == [quarter.index, quarter.next!.index])
        for alert in alerts {
            guard case .projectedCrossing(let projected) = alert.details else {
                Issue.record("no projection details")
                continue
            }
            #expect(projected.regionId == county.id)
            #expect(projected.projectedRate > 0.1 && projected.threshold == 0.1)
            #expect(projected.low <= projected.projectedRate && projected.projectedRate <= projected.high)
            #expect(
                projected.explanation.hasPrefix(
                    "预计 \(CalendarPeriod.quarter(year: projected.quarter!.year, quarter: projected.quarter!.index))"))
            #expect(alert.subject?.target == .regionId(county.id))
        }

        harness.setAssessmentDay(nextMonth.adding(days: 2)!.adding(days: 31)!)
        try await harness.service.judgeDue()
        let later = try await harness.assessment.listAlerts(request).alerts
        #expect(later.count >= alerts.count)
        #expect(Set(later.map { "\($0.period!.year)Q\($0.period!.index)" }).count == later.count)
        await harness.stop()
    }
}

extension CalendarPeriod {
    fileprivate var index: Int32 {
        if case .quarter(_, let quarter) = self { return quarter }
        return 0
    }
}
