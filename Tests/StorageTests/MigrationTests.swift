import Foundation
import Storage
import TestProcesses
import Testing

@Suite struct MigrationTests {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.file("db.sqlite")
    }

    static let first = Migration(
        name: "0001-notes", sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);")
    static let second = Migration(
        name: "0002-seed", sql: "INSERT INTO notes (body) VALUES ('seeded once');")
    static let third = Migration(
        name: "0003-tags", sql: "CREATE TABLE tags (note_id INTEGER NOT NULL REFERENCES notes (id), tag TEXT);")

    func recorded(_ database: Database) async throws -> [String] {
        try await database.read { tx in
            try tx.fetchAll("SELECT name FROM schema_migrations ORDER BY position").map { try $0.get(0) }
        }
    }

    @Test func migrationsRunOnceInOrderAndAreRecorded() async throws {
        let database = try Database.open(path: path, migrations: [Self.first, Self.second])
        #expect(
            try await recorded(database) == [
                "storage.0001-idempotency-feed-cursors", "storage.0002-idempotency-in-arrival-order",
                "storage.0003-instance-secret", "storage.0004-cursor-fingerprint", "0001-notes", "0002-seed",
            ])
        #expect(database.migrationsApplied.suffix(2) == ["0001-notes", "0002-seed"])
        database.close()

        let reopened = try Database.open(path: path, migrations: [Self.first, Self.second])
        defer { reopened.close() }
        #expect(reopened.migrationsApplied.isEmpty)
        #expect(try await Fixtures.count("notes", in: reopened) == 1)
    }

    @Test func newMigrationsRunOnReopen() async throws {
        try Database.open(path: path, migrations: [Self.first]).close()
        let database = try Database.open(path: path, migrations: [Self.first, Self.second, Self.third])
        defer { database.close() }
        #expect(try await recorded(database).suffix(3) == ["0001-notes", "0002-seed", "0003-tags"])
        #expect(try await Fixtures.count("tags", in: database) == 0)
    }

    @Test func aDatabaseFromANewerVersionIsRefusedAndLeftUntouched() async throws {
        try Database.open(path: path, migrations: [Self.first, Self.second]).close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        #expect(throws: StorageError.newerSchema(path: path, unknownMigrations: ["0002-seed"])) {
            try Database.open(path: path, migrations: [Self.first])
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)

        let current = try Database.open(path: path, migrations: [Self.first, Self.second])
        defer { current.close() }
        #expect(try await Fixtures.count("notes", in: current) == 1)
    }

    @Test func aReorderedHistoryIsRefused() throws {
        try Database.open(path: path, migrations: [Self.first, Self.second]).close()
        #expect(throws: StorageError.self) {
            try Database.open(path: path, migrations: [Self.second, Self.first])
        }
    }

    @Test func aFailingMigrationIsRolledBackAndStopsTheOnesAfterIt() async throws {
        let broken = Migration(
            name: "0002-broken",
            sql: "CREATE TABLE half (id INTEGER); INSERT INTO no_such_table VALUES (1);")
        #expect {
            try Database.open(path: path, migrations: [Self.first, broken, Self.third])
        } throws: { error in
            guard case .migrationFailed(let name, let message) = error as? StorageError else { return false }
            return name == "0002-broken" && message.contains("no_such_table")
        }
        let fixed = Migration(name: "0002-broken", sql: "SELECT 1;")
        let database = try Database.open(path: path, migrations: [Self.first, fixed])
        defer { database.close() }
        #expect(try await recorded(database).last == "0002-broken")
        await #expect(throws: StorageError.self) { try await Fixtures.count("half", in: database) }
    }

    @Test func aMigrationLeavingBrokenForeignKeysIsRolledBack() throws {
        let orphan = Migration(name: "0004-orphan", sql: "INSERT INTO tags (note_id, tag) VALUES (42, 'x');")
        #expect {
            try Database.open(path: path, migrations: [Self.first, Self.second, Self.third, orphan])
        } throws: { error in
            guard case .migrationFailed(let name, _) = error as? StorageError else { return false }
            return name == "0004-orphan"
        }
    }

    @Test func aMigrationCannotManageItsOwnTransaction() throws {
        let sneaky = Migration(name: "0001-sneaky", sql: "COMMIT; CREATE TABLE t (x);")
        #expect(throws: StorageError.self) { try Database.open(path: path, migrations: [sneaky]) }
    }
}
