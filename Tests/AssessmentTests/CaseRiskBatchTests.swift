import Assessment
import GRPC
import Messages
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
}
