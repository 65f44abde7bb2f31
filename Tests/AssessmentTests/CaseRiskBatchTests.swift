import Assessment
import GRPC
import Messages
import ServiceKit
import SharedDomain
import Storage
import Stubs
import Testing

/// Case risk writes change by change inside the projection's batched write: its tables and alerts
/// must not depend on how the feed was cut into batches either.
@Suite struct CaseRiskBatchTests {
    static func dump(_ database: Database) async throws -> [String] {
        try await database.read { tx in
            let rows =
                try tx.fetchAll("SELECT * FROM case_risk ORDER BY case_id")
                + tx.fetchAll("SELECT * FROM case_opinions ORDER BY opinion_id")
                + tx.fetchAll("SELECT * FROM risk_month_counts ORDER BY scope_kind, scope_id, month")
                + tx.fetchAll("SELECT * FROM risk_review")
                + tx.fetchAll("SELECT sequence, alert_key, kind FROM alerts ORDER BY sequence")
                + tx.fetchAll("SELECT seq, kind, payload FROM feed ORDER BY seq")
            return rows.map { "\($0)" }
        }
    }

    @Test func oneChangePerWriteAndTheWholeFeedInOneWriteGiveTheSameRiskTables() async throws {
        let harness = try await AssessmentHarness(rules: AssessmentRules(risk: .eventsOnly))
        let county = try await harness.region("宿豫区", code: "321311")
        let agency = try await harness.agency("宿豫区人民政府", in: county)
        try await harness.importConcluded(
            harness.cases(agency, losses: 3, of: 12, filed: .on(2024, 1, 5), concluded: .on(2024, 5, 10)))
        let hearing = AssessmentHarness.hearing(on: .on(2024, 12, 20))
        let red = try await harness.record(
            try await harness.file(agency, docket: 9501, filedOn: .on(2024, 10, 8)),
            AssessmentHarness.mediation(.failed, on: .on(2024, 10, 20)) + [hearing])
        try await harness.reportOpinion(about: red, agency: agency, detectedOn: .on(2025, 1, 10))
        _ = try await harness.record(
            try await harness.file(agency, docket: 9502, filedOn: .on(2024, 9, 1), plaintiffs: 4),
            [hearing, AssessmentHarness.concluded(.revoked, on: .on(2025, 1, 3))])
        try await harness.sync(judge: false)

        let whole = try Database.inMemory(migrations: AssessmentSchema.migrations)
        var request = Shuangjiang.Intake.V1.WatchEventsRequest()
        request.stopAtHead = true
        var events: [Shuangjiang.Intake.V1.ChangeEvent] = []
        for try await event in harness.intake.watchEvents(request).responses { events.append(event) }
        let apply = harness.service.projection
        let feed = events
        try await whole.write { tx in try apply(tx, feed) }

        let perChange = try await Self.dump(harness.assessmentDatabase)
        #expect(perChange.contains { $0.contains("high_risk/") })
        #expect(try await Self.dump(whole) == perChange)
        whole.close()
        await harness.stop()
    }

    /// Case rows and the month's history are carried from one write to the next in memory
    /// (CaseRowCache, CaseRiskMemo); a projection that reads everything back from the database
    /// in every write must write exactly the same. The feed is spread over months of feed time,
    /// so monthly reviews run between the changes and write levels and closing scores that the
    /// carried rows must then reflect (a case concluded, scored at the next review, then appealed).
    @Test func rowsCarriedFromWriteToWriteAreExactlyWhatTheDatabaseHolds() async throws {
        let harness = try await AssessmentHarness(rules: AssessmentRules(risk: .eventsOnly))
        let county = try await harness.region("宿豫区", code: "321311")
        let agency = try await harness.agency("宿豫区人民政府", in: county)
        try await harness.importConcluded(
            harness.cases(agency, losses: 3, of: 12, filed: .on(2024, 1, 5), concluded: .on(2024, 3, 10)))
        let open = try await harness.record(
            try await harness.file(agency, docket: 9601, filedOn: .on(2024, 4, 3)),
            AssessmentHarness.mediation(.failed, on: .on(2024, 4, 20)) + [
                AssessmentHarness.hearing(on: .on(2024, 9, 20))
            ]
        )
        let lost = try await harness.record(
            try await harness.file(agency, docket: 9602, filedOn: .on(2024, 2, 1)),
            [AssessmentHarness.concluded(.revoked, on: .on(2024, 4, 20))])
        // The last four changes come 40 days apart, so a review runs before each of them: the
        // lost case gets its closing score, then is appealed.
        _ = try await harness.record(.appealed(on: .on(2024, 6, 20)), on: lost.id)
        _ = try await harness.record(open, [AssessmentHarness.headAppearance(on: .on(2024, 9, 20))])
        try await harness.reportOpinion(about: open, agency: agency, detectedOn: .on(2024, 8, 2))
        _ = try await harness.record(.concluded(.claimDismissed, on: .on(2024, 10, 9), instance: .second), on: lost.id)

        var request = Shuangjiang.Intake.V1.WatchEventsRequest()
        request.stopAtHead = true
        var events: [Shuangjiang.Intake.V1.ChangeEvent] = []
        for try await event in harness.intake.watchEvents(request).responses { events.append(event) }
        // Feed time from the first day of 2024: three days between changes, forty before each
        // of the last four.
        let start = CityTimeZone.shanghai.start(of: CivilDate(year: 2024, month: 1, day: 1)!)
        let tail = events.count - 4
        for index in events.indices {
            let days = Int64(min(index, tail)) * 3 + Int64(max(index - tail, 0)) * 40
            events[index].committedAt = start.adding(seconds: days * 86_400).timestamp
        }
        let feed = events
        let warm = try Database.inMemory(migrations: AssessmentSchema.migrations)
        let cold = try Database.inMemory(migrations: AssessmentSchema.migrations)
        let carrying = harness.service.projection
        var differing: [Int64] = []
        for event in feed {
            try await warm.write { tx in try carrying(tx, [event]) }
            // A projection made afresh remembers nothing from the write before.
            let fresh = harness.service.projection
            try await cold.write { tx in try fresh(tx, [event]) }
            // After every write, not only at the end: a stale carried row can be healed later
            // (the next review scores a case again), and would then go unseen.
            if try await Self.dump(warm) != Self.dump(cold) { differing.append(event.sequence) }
        }
        #expect(differing.isEmpty, "the tables differ after intake sequences \(differing)")
        let carried = try await Self.dump(warm) + BatchProjectionTests.dump(warm)
        #expect(carried.count > 60)
        #expect(
            try await warm.read { try $0.fetchAll("SELECT 1 FROM case_risk WHERE closing_score_tenths IS NOT NULL") }
                .count >= 12)
        #expect(try await Self.dump(cold) + BatchProjectionTests.dump(cold) == carried)
        warm.close()
        cold.close()
        await harness.stop()
    }
}
