import SharedDomain
import Storage
import Testing

@testable import Assessment

/// A changed case's counts are replaced by their difference, day by day, when it stays in the
/// same region and agency, and taken away and added afresh when it moves: either way the count
/// tables must end up exactly as if only its latest facts had ever been counted.
@Suite struct CountsReplacementTests {
    static func counts(_ database: Database) async throws -> [String] {
        try await database.read { tx in
            try
                (tx.fetchAll("SELECT * FROM day_counts ORDER BY scope_kind, scope_id, day")
                + tx.fetchAll("SELECT * FROM month_counts ORDER BY scope_kind, scope_id, month")
                + tx.fetchAll("SELECT * FROM year_counts ORDER BY scope_kind, scope_id, year")).map { "\($0)" }
        }
    }

    static func write(_ history: [CaseFacts]) async throws -> [String] {
        let database = try Database.inMemory(migrations: AssessmentSchema.migrations)
        try await database.write { tx in
            var batch = try IntakeProjection.Batch(tx: tx, cached: [:])
            var previous: CaseFacts?
            for facts in history {
                batch.replace(previous, with: facts)
                previous = facts
            }
            try batch.flush()
        }
        let counts = try await Self.counts(database)
        database.close()
        return counts
    }

    @Test func aCaseCountsOnlyAsItsLatestFactsWhateverCameBefore() async throws {
        let filed = CivilDate(year: 2024, month: 3, day: 30)!
        let filing = CaseFacts(kind: .litigation, isFirstInstance: true, regionKey: 1, agencyKey: 10, filedOn: filed)
        var heard = filing
        heard.hearingScheduled = true
        var lost = heard
        lost.concludedOn = CivilDate(year: 2024, month: 7, day: 2)
        lost.outcome = .revoked
        lost.headAppeared = true
        // The same case, recorded against another agency in another region, concluded otherwise.
        var moved = lost
        moved.regionKey = 2
        moved.agencyKey = 20
        moved.concludedOn = CivilDate(year: 2025, month: 1, day: 8)
        moved.outcome = .claimDismissed
        var movedBack = moved
        movedBack.regionKey = 1
        movedBack.agencyKey = 10

        let direct = try await Self.write([movedBack])
        #expect(!direct.isEmpty)
        #expect(try await Self.write([filing, heard, lost, moved, movedBack]) == direct)
        #expect(try await Self.write([filing, heard, lost]) == Self.write([lost]))
        #expect(try await Self.write([lost, moved]) == Self.write([moved]))
        // Its conclusion recorded on the wrong day, then corrected: the first day is emptied.
        var corrected = lost
        corrected.concludedOn = CivilDate(year: 2024, month: 8, day: 9)
        #expect(try await Self.write([filing, lost, corrected]) == Self.write([corrected]))
        // A case filed and concluded on the same day: both contributions share one day's entry.
        var sameDay = filing
        sameDay.concludedOn = filed
        sameDay.outcome = .revoked
        #expect(try await Self.write([filing, sameDay]) == Self.write([sameDay]))
        #expect(try await Self.write([sameDay, lost]) == Self.write([lost]))
    }
}
