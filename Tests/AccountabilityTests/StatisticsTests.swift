import Accountability
import GRPCCore
import Messages
import ServiceKit
import SharedDomain
import Stubs
import Testing

/// The statistics, each count by its own date, and the report's Suqian figure read back exactly.
@Suite struct StatisticsTests {
    typealias V1 = Shuangjiang.Accountability.V1
    typealias H = AccountabilityHarness

    /// "自2022年以来, 共移送问题线索105条, 实施责任追究60件, 处理党员干部57人": 105 clues, 60 cases
    /// held accountable naming 57 distinct persons — 54 cases with one person each, 3 cases with a
    /// new person and one already handled in an earlier case of the same agency, and 3 where only
    /// the unit was held accountable — plus 10 decided without accountability, and clues still
    /// under way. A clue of 2021 and a decision executed in 2025 fall outside the period.
    @Test func theReportsSuqianFigureIsBuiltThroughThePublicRPCsAndReadBackExactly() async throws {
        let harness = try await AccountabilityHarness()
        let regions = [
            try await harness.region("沭阳县", code: "321322"), try await harness.region("泗阳县", code: "321323"),
            try await harness.region("泗洪县", code: "321324"),
        ]
        var agencies: [Shuangjiang.Intake.V1.Agency] = []
        for region in regions {
            agencies.append(try await harness.agency("\(region.name)人民政府", in: region))
            agencies.append(try await harness.agency("\(region.name)自然资源局", in: region))
        }
        _ = try await harness.accountability.openReferral(
            harness.manualReferral(agencies[0], requestId: "2021", at: .noon(2021, 12, 20)))
        var referrals: [V1.Referral] = []
        for index in 0..<105 {
            let day = CivilDate.on(2022, 1, 3).adding(days: Int64(index) * 9)!
            referrals.append(
                try await harness.accountability.openReferral(
                    harness.manualReferral(
                        agencies[index % agencies.count], requestId: "clue-\(index)", at: harness.noon(day))))
        }
        func start(_ index: Int) -> CivilDate { CivilDate.on(2022, 1, 3).adding(days: Int64(index) * 9)! }
        let dispositions: [V1.Disposition] = [.accountable, .lighter, .heavier]
        for index in 0..<54 {
            try await harness.complete(
                referrals[index], disposition: dispositions[index % 3], persons: [H.person("P\(index)")],
                from: start(index))
        }
        // The same agency as the person's earlier case: agencies repeat every 6 referrals.
        for index in 54..<57 {
            try await harness.complete(
                referrals[index], disposition: .accountable,
                persons: [H.person("P\(index)"), H.person("P\(index - 54)")], from: start(index))
        }
        for index in 57..<60 {
            try await harness.complete(
                referrals[index], disposition: .accountable, persons: [], unit: true, from: start(index))
        }
        for index in 60..<70 {
            try await harness.complete(
                referrals[index], disposition: index < 65 ? .exempt : .notAccountable,
                persons: index < 65 ? [H.person("E\(index)", sanction: "")] : [], from: start(index))
        }
        for index in 70..<80 {
            _ = try await harness.accountability.advanceReferral(
                harness.advance(
                    referrals[index], H.investigation(on: start(index).adding(days: 1)!), requestId: "inv-\(index)",
                    at: harness.noon(start(index).adding(days: 1)!)))
        }
        // A decision of 2025 on a clue of 2024: the clue counts, the case does not.
        try await harness.complete(
            referrals[104], disposition: .accountable, persons: [H.person("late")], from: .on(2024, 12, 30))

        let period = H.range(.on(2022, 1, 1), .on(2024, 12, 31))
        let stats = try await harness.stats(period)
        #expect(stats.cluesReferred == 105)
        #expect(stats.casesHeldAccountable == 60)
        #expect(stats.personsHandled == 57)
        #expect(stats.unitOnlyCases == 3 && stats.unitsHeldAccountable == 3)
        #expect(stats.decisionsExecuted == 70 && stats.opinionsProposed == 70 && stats.investigationsStarted == 81)
        #expect(stats.byDisposition.map(\.disposition) == [.accountable, .exempt, .lighter, .heavier, .notAccountable])
        #expect(stats.byDisposition.map(\.count) == [18 + 3 + 3, 5, 18, 18, 5])
        #expect(stats.byCurrentStep.map(\.count) == [24, 10, 0, 71])
        #expect(stats.period?.firstDay == CivilDate.on(2022, 1, 1).date)

        // One region: its two agencies' share (clues go round the six agencies).
        let one = try await harness.stats(period, region: regions[0].id)
        #expect(one.cluesReferred == 36 && one.casesHeldAccountable == 20 && one.personsHandled == 20)
        let year2022 = try await harness.stats(
            {
                var year = Shuangjiang.Common.V1.Period()
                year.kind = .year
                year.year = 2022
                return year
            }())
        #expect(year2022.cluesReferred == 41)
        let unknown = await failure { try await harness.stats(period, region: "region-999") }
        #expect(unknown?.code == .notFound)
        var missing = V1.GetAccountabilityStatsRequest()
        missing.regionId = " "
        let invalid = await failure { try await harness.accountability.getAccountabilityStats(missing) }
        #expect(Set(invalid?.violatedFields ?? []) == ["period", "region_id"])
        await harness.stop()
    }
}
