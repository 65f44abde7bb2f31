import Assessment
import Messages
import SharedDomain
import Stubs
import Testing

/// The effective (生效) outcome counts (indicators.proto): an appeal that reverses a first-instance
/// judgment revises the first-instance period, revised_count says so, and the case-lost alert is
/// raised once per case. While an appeal is pending the first-instance outcome counts provisionally.
@Suite struct RevisionTests {
    typealias Intake = Shuangjiang.Intake.V1
    typealias V1 = Shuangjiang.Assessment.V1

    /// A county with one agency, and nine claims dismissed in 2022 Q1 so the rates have a base.
    static func county(_ harness: AssessmentHarness) async throws -> (Intake.Region, Intake.Agency) {
        let county = try await harness.region("泗洪县", code: "321324")
        let agency = try await harness.agency("泗洪县人民政府", in: county)
        try await harness.importConcluded(
            harness.cases(agency, losses: 0, of: 9, filed: .on(2022, 1, 4), concluded: .on(2022, 2, 20)))
        return (county, agency)
    }

    static func caseLostAlerts(_ harness: AssessmentHarness) async throws -> [V1.CaseLost] {
        try await harness.watchedAlerts().compactMap { alert in
            if case .caseLost(let lost) = alert.details { return lost }
            return nil
        }
    }

    @Test func anAppealThatReversesTheJudgmentRevisesTheFirstInstanceQuarterAndRaisesNoSecondAlert() async throws {
        let harness = try await AssessmentHarness()
        let (county, agency) = try await Self.county(harness)
        let ids = try await harness.importRows([
            .init(agency: agency, filedOn: .on(2022, 1, 10), events: [.concluded(.revoked, on: .on(2022, 3, 10))])
        ])
        try await harness.sync()
        var q1 = try await harness.indicators(Request.region(county), Request.quarter(2022, 1))
        #expect(q1.current?.lossRate.ratio == "1/10" && q1.current?.revisedCount == 0)
        #expect(try await Self.caseLostAlerts(harness).map(\.caseId) == ids)

        try await harness.record(.appealed(on: .on(2022, 3, 20), by: .agency), on: ids[0])
        try await harness.record(.concluded(.claimDismissed, on: .on(2022, 7, 5), instance: .second), on: ids[0])
        try await harness.sync()

        q1 = try await harness.indicators(Request.region(county), Request.quarter(2022, 1))
        // Still concluded in Q1 (its own instance's date), no longer a loss, and marked revised.
        #expect(q1.current?.lossRate.ratio == "0/10")
        #expect(q1.current?.revisedCount == 1)
        #expect(q1.current?.appealRate.ratio == "1/10")
        // The second instance's date moves nothing into Q3.
        let q3 = try await harness.indicators(Request.region(county), Request.quarter(2022, 3))
        #expect(q3.current?.lossRate.ratio == "0/0" && q3.current?.revisedCount == 0)
        let city = try await harness.indicators(Request.city, Request.year(2022))
        #expect(city.current?.revisedCount == 1 && city.current?.lossRate.ratio == "0/10")
        // Part of a month is summed from the day counts, which are revised too.
        let days = try await harness.indicators(Request.city, Request.range(.on(2022, 3, 1), .on(2022, 3, 15)))
        #expect(days.current?.lossRate.ratio == "0/1" && days.current?.revisedCount == 1)
        #expect(try await Self.caseLostAlerts(harness).count == 1)
        await harness.stop()
    }

    @Test func anAppealThatTurnsAWinIntoALossRaisesTheCaseLostAlertThen() async throws {
        let harness = try await AssessmentHarness()
        let (county, agency) = try await Self.county(harness)
        let ids = try await harness.importRows([
            .init(
                agency: agency, filedOn: .on(2022, 1, 10),
                events: [.concluded(.claimDismissed, on: .on(2022, 3, 10)), .appealed(on: .on(2022, 3, 25))])
        ])
        try await harness.sync()
        #expect(try await Self.caseLostAlerts(harness).isEmpty)

        try await harness.record(.concluded(.revoked, on: .on(2022, 8, 1), instance: .second), on: ids[0])
        try await harness.sync()
        let q1 = try await harness.indicators(Request.region(county), Request.quarter(2022, 1))
        #expect(q1.current?.lossRate.ratio == "1/10" && q1.current?.revisedCount == 1)
        let lost = try await Self.caseLostAlerts(harness)
        #expect(lost.map(\.caseId) == ids)
        // The loss counts under the first instance's conclusion.
        #expect(lost.first?.outcome == .revoked)
        #expect(lost.first?.concludedOn?.month == 3 && lost.first?.concludedOn?.day == 10)
        await harness.stop()
    }

    /// The appeal filed as its own second-instance record (行终) linked to the first-instance one.
    @Test func aLinkedSecondInstanceRecordThatReversesRevisesTheFirstInstanceRecordOnly() async throws {
        let harness = try await AssessmentHarness()
        let (county, agency) = try await Self.county(harness)
        let ids = try await harness.importRows([
            .init(
                agency: agency, filedOn: .on(2022, 1, 10), events: [.concluded(.confirmedIllegal, on: .on(2022, 3, 10))]
            )
        ])
        let appeal = try await harness.file(
            .init(instance: .second, agency: agency, filedOn: .on(2022, 4, 2), related: ids[0]))
        try await harness.sync()
        var q1 = try await harness.indicators(Request.region(county), Request.quarter(2022, 1))
        // Pending: the first-instance judgment counts provisionally.
        #expect(q1.current?.lossRate.ratio == "1/10" && q1.current?.revisedCount == 0)
        #expect(q1.current?.appealRate.ratio == "1/10")

        try await harness.record(.concluded(.claimDismissed, on: .on(2022, 8, 30), instance: .second), on: appeal.id)
        try await harness.sync()
        q1 = try await harness.indicators(Request.region(county), Request.quarter(2022, 1))
        #expect(q1.current?.lossRate.ratio == "0/10" && q1.current?.revisedCount == 1)
        // Decided, the appeal is still an appeal: the first-instance record is CONCLUDED again.
        #expect(q1.current?.appealRate.ratio == "1/10")
        // The second-instance record is neither filed volume nor a conclusion of its own.
        let year = try await harness.indicators(Request.region(county), Request.year(2022))
        #expect(year.current?.caseVolume == 10 && year.current?.lossRate.ratio == "0/10")
        #expect(try await Self.caseLostAlerts(harness).count == 1)
        await harness.stop()
    }

    @Test func aPendingAppealCountsTheFirstInstanceOutcomeProvisionally() async throws {
        let harness = try await AssessmentHarness()
        let (county, agency) = try await Self.county(harness)
        let ids = try await harness.importRows([
            .init(
                agency: agency, filedOn: .on(2022, 1, 10),
                events: [
                    .concluded(.orderedToPerform, on: .on(2022, 3, 10)), .appealed(on: .on(2022, 3, 22), by: .agency),
                ]),
            .init(
                agency: agency, filedOn: .on(2022, 1, 11),
                events: [.concluded(.suitDismissed, on: .on(2022, 3, 11)), .appealed(on: .on(2022, 3, 23))]),
        ])
        try await harness.sync()
        var get = Intake.GetCaseRequest()
        get.id = ids[0]
        let pending = try await harness.intake.getCase(get)
        // Intake has no effective outcome while the appeal is pending; assessment counts the judgment given.
        #expect(pending.state == .appealed && pending.finalOutcome == .unspecified)
        var q1 = try await harness.indicators(Request.region(county), Request.quarter(2022, 1))
        #expect(q1.current?.lossRate.ratio == "1/11")
        #expect(q1.current?.appealRate.ratio == "2/11")
        let merits = try await harness.indicators(Request.region(county), Request.quarter(2022, 1), formula: .merits)
        // Nine claims dismissed and the provisional loss; the suit dismissed is not on the merits.
        #expect(merits.current?.lossRate.ratio == "1/10")
        #expect(try await Self.caseLostAlerts(harness).map(\.caseId) == [ids[0]])

        // The agency withdraws its appeal (撤回上诉): the judgment takes effect, nothing is revised.
        try await harness.record(.withdrawn(on: .on(2022, 5, 6)), on: ids[0])
        try await harness.sync()
        q1 = try await harness.indicators(Request.region(county), Request.quarter(2022, 1))
        #expect(q1.current?.lossRate.ratio == "1/11" && q1.current?.revisedCount == 0)
        #expect(try await Self.caseLostAlerts(harness).count == 1)
        await harness.stop()
    }
}
