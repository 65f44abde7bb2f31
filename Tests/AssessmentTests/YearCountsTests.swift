import Assessment
import SharedDomain
import Storage
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// year_counts holds each scope's year as one row; it must always equal the sum of the year's
/// month rows, whether written by the projection or filled by the migration that added it.
@Suite struct YearCountsTests {
    /// Rows where a year and its months disagree, or a year has no months (none expected).
    static func disagreements(_ database: Database) async throws -> Int {
        try await database.read { tx in
            let months = """
                SELECT scope_kind, scope_id, month / 100, sum(litigation_filed), sum(concluded), sum(losses),
                    sum(revised) FROM month_counts GROUP BY scope_kind, scope_id, month / 100
                """
            let years = """
                SELECT scope_kind, scope_id, year, litigation_filed, concluded, losses, revised FROM year_counts
                """
            let one = try tx.fetchAll("\(months) EXCEPT \(years)").count
            let other = try tx.fetchAll("\(years) EXCEPT \(months)").count
            return one + other
        }
    }

    @Test func theProjectionKeepsEachYearEqualToItsMonths() async throws {
        let harness = try await AssessmentHarness()
        let agency = try await harness.agency("沭阳县人民政府", in: try await harness.region("沭阳县", code: "321322"))
        try await harness.importConcluded(
            harness.cases(agency, losses: 3, of: 12, filed: .on(2021, 11, 5), concluded: .on(2022, 1, 10))
                + harness.cases(agency, losses: 1, of: 9, filed: .on(2022, 6, 5), concluded: .on(2023, 2, 1)))
        try await harness.sync()
        let years = try await harness.assessmentDatabase.read { tx in
            try tx.fetchAll("SELECT year, litigation_filed, concluded, losses FROM year_counts WHERE scope_kind = 0")
        }
        // 2021 (filed), 2022 (filed and concluded), 2023 (concluded).
        #expect(years.count == 3)
        #expect(try await Self.disagreements(harness.assessmentDatabase) == 0)
        await harness.stop()
    }

    @Test func theMigrationFillsTheYearsOfADatabaseWithHistory() async throws {
        let path = "/tmp/sj-year-counts-\(UInt64.random(in: 0...UInt64.max)).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) } }
        let before = AssessmentSchema.migrations.prefix { $0.name != "assessment.4.year_counts" }
        let after = AssessmentSchema.migrations.dropFirst(before.count).map(\.name)
        #expect(after.first == "assessment.4.year_counts")
        let old = try Database.open(path: path, migrations: Array(before))
        try await old.write { tx in
            for (scope, month, concluded, losses) in [
                (0, 202111, 5, 1), (0, 202112, 7, 2), (0, 202201, 4, 0), (1, 202112, 3, 3), (2, 202305, 9, 1),
            ] {
                try tx.execute(
                    "INSERT INTO month_counts (scope_kind, scope_id, month, concluded, losses) VALUES (?, ?, ?, ?, ?)",
                    Int64(scope), Int64(scope == 0 ? 0 : 7), Int64(month), Int64(concluded), Int64(losses))
            }
        }
        old.close()
        let migrated = try Database.open(path: path, migrations: AssessmentSchema.migrations)
        #expect(migrated.migrationsApplied == after)
        let city = try await migrated.read { tx in
            try tx.fetchAll("SELECT year, concluded, losses FROM year_counts WHERE scope_kind = 0 ORDER BY year").map {
                [try $0.get(0, as: Int64.self), try $0.get(1, as: Int64.self), try $0.get(2, as: Int64.self)]
            }
        }
        #expect(city == [[2021, 12, 3], [2022, 4, 0]])
        #expect(try await Self.disagreements(migrated) == 0)
        migrated.close()
    }
}
