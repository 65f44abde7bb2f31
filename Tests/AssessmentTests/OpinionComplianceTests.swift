import Assessment
import GRPC
import GRPCCore
import Messages
import ServiceKit
import SharedDomain
import Stubs
import Testing

/// GetOpinionCompliance: on-time rates per department and period, figures checked by hand.
@Suite struct OpinionComplianceTests {
    typealias V1 = Shuangjiang.Assessment.V1

    static func shanghai(_ year: Int32, _ month: Int32, _ day: Int32, _ hour: Int64, _ minute: Int64 = 0) -> Instant {
        CityTimeZone.shanghai.start(of: .on(year, month, day)).adding(seconds: hour * 3600 + minute * 60)
    }

    static func period(_ kind: Shuangjiang.Common.V1.PeriodKind, _ year: Int32, _ index: Int32)
        -> Shuangjiang.Common.V1.Period
    {
        var period = Shuangjiang.Common.V1.Period()
        period.kind = kind
        period.year = year
        period.index = index
        return period
    }

    static func request(
        _ period: Shuangjiang.Common.V1.Period?, region: String = "", department: String = ""
    ) -> V1.GetOpinionComplianceRequest {
        var request = V1.GetOpinionComplianceRequest()
        request.period = period
        request.regionId = region
        request.departmentAgencyId = department
        return request
    }

    /// (met, missed, pending) of each kind, in kind order.
    static func figures(_ deadlines: [V1.DeadlineCompliance]) -> [[Int64]] {
        deadlines.map { [$0.met, $0.missed, $0.pending] }
    }

    @Test func onTimeRatesPerDepartmentAndPeriodWorstFirst() async throws {
        let h = try await AssessmentHarness()
        let shuyang = try await h.region("沭阳县", code: "321322")
        let siyang = try await h.region("泗阳县", code: "321323")
        let police = try await h.agency("沭阳县公安局", in: shuyang)
        let market = try await h.agency("沭阳县市场监督管理局", in: shuyang)
        let government = try await h.agency("泗阳县人民政府", in: siyang)
        let hour = AssessmentHarness.hour

        // Police: reported up in time, first statement in time, inquiries late, no formal response:
        // 2 of 4.
        let a = Self.shanghai(2024, 8, 10, 10)
        _ = try await h.reportOpinion(
            police, detected: a,
            milestones: [
                h.milestone(.reportedUp, at: a.adding(seconds: 1800)),
                h.milestone(.mediaAttention, at: a.adding(seconds: hour)),
                h.milestone(.firstStatement, at: a.adding(seconds: 3 * hour)),
                h.milestone(.inquiriesAccepted, at: a.adding(seconds: 14 * hour)),
            ], summary: "police")
        // An ordinary incident without media attention has no deadline at all.
        _ = try await h.reportOpinion(police, detected: a, importance: .ordinary, summary: "quiet")
        // The county government: reported up after 2 h: 0 of 1.
        let b = Self.shanghai(2024, 9, 5, 9)
        _ = try await h.reportOpinion(
            government, detected: b, importance: .major,
            milestones: [h.milestone(.reportedUp, at: b.adding(seconds: 2 * hour))],
            summary: "government")
        // Market regulation: all three after media attention in time: 3 of 3.
        let c = Self.shanghai(2024, 8, 20, 8)
        _ = try await h.reportOpinion(
            market, detected: c, importance: .ordinary, media: c,
            milestones: [
                h.milestone(.firstStatement, at: c.adding(seconds: hour)),
                h.milestone(.inquiriesAccepted, at: c.adding(seconds: 2 * hour)),
                h.milestone(.formalResponse, at: c.adding(seconds: 10 * hour)),
            ], summary: "market")
        // Due at 00:00 on 1 October in Shanghai (16:00 UTC on 30 September): counts in Q4.
        let e = Self.shanghai(2024, 9, 30, 23)
        _ = try await h.reportOpinion(
            market, detected: e, milestones: [h.milestone(.reportedUp, at: e.adding(seconds: 1800))],
            summary: "midnight")
        try await h.sync()

        let q3 = try await h.assessment.getOpinionCompliance(Self.request(Self.period(.quarter, 2024, 3)))
        #expect(q3.departments.map(\.departmentAgencyId) == [government.id, police.id, market.id], "worst first")
        #expect(q3.departments.map(\.departmentName) == ["泗阳县人民政府", "沭阳县公安局", "沭阳县市场监督管理局"])
        #expect(
            q3.departments.map { [$0.overallOnTimeRate?.numerator, $0.overallOnTimeRate?.denominator] } == [
                [0, 1], [2, 4], [3, 3],
            ])
        #expect(q3.departments.allSatisfy { $0.overallOnTimeRate?.formula == "opinion.on_time" })
        #expect(
            q3.departments[1].deadlines.map(\.kind) == [
                .reportUp, .firstStatement, .inquiriesAccepted, .formalResponse,
            ])
        #expect(Self.figures(q3.departments[1].deadlines) == [[1, 0, 0], [1, 0, 0], [0, 1, 0], [0, 1, 0]])
        #expect(Self.figures(q3.departments[0].deadlines) == [[0, 1, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]])
        #expect(Self.figures(q3.departments[2].deadlines) == [[0, 0, 0], [1, 0, 0], [1, 0, 0], [1, 0, 0]])
        #expect(Self.figures(q3.totals) == [[1, 1, 0], [2, 0, 0], [1, 1, 0], [1, 1, 0]])
        #expect(q3.totals[2].onTimeRate?.numerator == 1 && q3.totals[2].onTimeRate?.denominator == 2)
        #expect(q3.period?.firstDay?.month == 7 && q3.period?.lastDay?.month == 9 && q3.period?.lastDay?.day == 30)
        #expect(q3.intakeSequence > 0)

        let q4 = try await h.assessment.getOpinionCompliance(Self.request(Self.period(.quarter, 2024, 4)))
        #expect(q4.departments.map(\.departmentAgencyId) == [market.id])
        #expect(Self.figures(q4.departments[0].deadlines) == [[1, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]])

        let county = try await h.assessment.getOpinionCompliance(
            Self.request(Self.period(.quarter, 2024, 3), region: shuyang.id))
        #expect(county.departments.map(\.departmentAgencyId) == [police.id, market.id])
        #expect(Self.figures(county.totals) == [[1, 0, 0], [2, 0, 0], [1, 1, 0], [1, 1, 0]])
        let city = try await h.assessment.getOpinionCompliance(
            Self.request(Self.period(.quarter, 2024, 3), region: h.city.id))
        #expect(city.departments.count == 3, "every incident lies in the city")
        let one = try await h.assessment.getOpinionCompliance(
            Self.request(Self.period(.year, 2024, 0), department: market.id))
        #expect(one.departments.map(\.departmentAgencyId) == [market.id])
        #expect(
            one.departments[0].overallOnTimeRate?.numerator == 4
                && one.departments[0].overallOnTimeRate?.denominator == 4)
        let august = try await h.assessment.getOpinionCompliance(Self.request(Self.period(.month, 2024, 8)))
        #expect(august.departments.map(\.departmentAgencyId) == [police.id, market.id])

        // A deadline not yet due is pending: counted, but not in the rate.
        let now = h.intakeNow()
        _ = try await h.reportOpinion(government, detected: now.adding(seconds: -600), summary: "running")
        try await h.sync()
        let due = CityTimeZone.shanghai.date(of: now.adding(seconds: 3000))!
        let running = try await h.assessment.getOpinionCompliance(
            Self.request(Self.period(.month, due.year, due.month)))
        let government2 = running.departments.first { $0.departmentAgencyId == government.id }
        #expect(government2.map { Self.figures($0.deadlines)[0] } == [0, 0, 1])
        #expect(government2?.overallOnTimeRate?.denominator == 0)
        await h.stop()
    }

    @Test func aBadOrUnknownFilterIsRefused() async throws {
        let h = try await AssessmentHarness()
        let missing = await #expect(throws: RPCError.self) {
            try await h.assessment.getOpinionCompliance(Self.request(nil, region: "nowhere", department: "x"))
        }
        #expect(missing?.code == .invalidArgument)
        #expect(
            missing?.message
                == "period: required; region_id: not a region id (region-N); department_agency_id: not an agency id (agency-N)"
        )
        let region = await #expect(throws: RPCError.self) {
            try await h.assessment.getOpinionCompliance(Self.request(Self.period(.year, 2024, 0), region: "region-99"))
        }
        #expect(region?.code == .notFound)
        let department = await #expect(throws: RPCError.self) {
            try await h.assessment.getOpinionCompliance(
                Self.request(Self.period(.year, 2024, 0), department: "agency-99"))
        }
        #expect(department?.code == .notFound)
        let empty = try await h.assessment.getOpinionCompliance(Self.request(Self.period(.year, 2024, 0)))
        #expect(empty.departments.isEmpty && Self.figures(empty.totals) == Array(repeating: [0, 0, 0], count: 4))
        await h.stop()
    }
}
