import Assessment
import GRPC
import Messages
import SharedDomain
import Storage
import Stubs
import Testing

/// The follower hands the projection a batch of changes per write; what it writes must not depend
/// on how the feed was cut into batches.
@Suite struct BatchProjectionTests {
    static func dump(_ database: Database) async throws -> [String] {
        try await database.read { tx in
            let counts =
                try tx.fetchAll("SELECT * FROM day_counts ORDER BY scope_kind, scope_id, day")
                + tx.fetchAll("SELECT * FROM month_counts ORDER BY scope_kind, scope_id, month")
                + tx.fetchAll("SELECT * FROM year_counts ORDER BY scope_kind, scope_id, year")
                + tx.fetchAll("SELECT * FROM cases ORDER BY id")
                + tx.fetchAll(
                    "SELECT sequence, alert_key, kind, region_id, period_first, period_last FROM alerts ORDER BY sequence"
                )
                + tx.fetchAll("SELECT seq, kind, payload FROM feed ORDER BY seq")
            return counts.map { "\($0)" }
        }
    }

    @Test func oneChangePerWriteAndTheWholeFeedInOneWriteGiveTheSameTables() async throws {
        let harness = try await AssessmentHarness()
        let north = try await harness.region("北区", code: "321302")
        let south = try await harness.region("南区", code: "321311")
        let a = try await harness.agency("北区人民政府", in: north)
        let b = try await harness.agency("南区人民政府", in: south)
        try await harness.importConcluded(
            harness.cases(a, losses: 4, of: 20, filed: .on(2022, 1, 5), concluded: .on(2022, 2, 10))
                + harness.cases(b, losses: 1, of: 20, filed: .on(2022, 1, 6), concluded: .on(2022, 3, 31))
                + harness.cases(a, losses: 1, of: 30, filed: .on(2022, 4, 5), concluded: .on(2022, 6, 1))
                + harness.cases(b, losses: 6, of: 30, filed: .on(2022, 7, 5), concluded: .on(2022, 8, 10)))
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
        #expect(perChange.count > 100)
        #expect(try await Self.dump(whole) == perChange)
        whole.close()
        await harness.stop()
    }
}
