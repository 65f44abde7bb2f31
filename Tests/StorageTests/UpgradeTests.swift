import Foundation
import TestProcesses
import Testing

@testable import Storage

/// Databases written by earlier versions of Storage open, keep their data and get the newer
/// layout. The old layouts are produced through the Migrator with the builtin migrations those
/// versions shipped.
@Suite struct UpgradeTests {
    /// A database as a version that shipped only Storage's first migration left it: the
    /// service's migrations recorded after it, one idempotency record in the old layout.
    static func firstLayout(at path: String) throws {
        let connection = try Connection.open(path: path, readOnly: false, busyTimeout: .seconds(1))
        _ = try connection.fetchAll("PRAGMA journal_mode = WAL", [])
        _ = try Migrator(connection: connection, builtin: [BuiltinMigrations.all[0]], service: Fixtures.migrations)
            .migrate()
        try connection.execute(
            """
            INSERT INTO idempotency (scope, request_id, request_hash, response, created_at)
            VALUES ('CreateItem', 'r-old', ?, ?, 1)
            """, [Array("bolt".utf8), Array("item-7".utf8)])
    }

    @Test func idempotencyRecordsSurviveTheMoveToArrivalOrder() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("db.sqlite")
        try Self.firstLayout(at: path)

        let database = try Database.open(path: path, migrations: Fixtures.migrations)
        defer { database.close() }
        let names = try await database.read { tx in
            try tx.fetchAll("SELECT name FROM schema_migrations ORDER BY position").map {
                try $0.get(0, as: String.self)
            }
        }
        #expect(
            names == [
                "storage.0001-idempotency-feed-cursors", "0001-items", "0002-deferred-links",
                "storage.0002-idempotency-in-arrival-order", "storage.0003-instance-secret",
                "storage.0004-cursor-fingerprint",
            ])
        let replay = try await database.write { try IdempotencyTests.create($0, requestId: "r-old", label: "bolt") }
        #expect(replay == .replayed(Array("item-7".utf8)))
        await #expect(throws: StorageError.requestIdReused(scope: "CreateItem", requestId: "r-old")) {
            try await database.write { try IdempotencyTests.create($0, requestId: "r-old", label: "nut") }
        }
        let fresh = try await database.write { try IdempotencyTests.create($0, requestId: "r-new", label: "nut") }
        #expect(fresh == .created(Array("item-1".utf8)))
        // The key is still unique: the layout change kept the rule.
        await #expect(throws: StorageError.self) {
            try await database.write { tx in
                try tx.execute(
                    "INSERT INTO idempotency (scope, request_id, request_hash, response, created_at) VALUES (?, ?, ?, ?, ?)",
                    "CreateItem", "r-new", [UInt8](), [UInt8](), 2)
            }
        }
    }

    @Test func aStorageMigrationOutOfOrderIsStillAHistoryMismatch() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("db.sqlite")
        try Self.firstLayout(at: path)
        let connection = try Connection.open(path: path, readOnly: false, busyTimeout: .seconds(1))
        let reordered = [BuiltinMigrations.all[1], BuiltinMigrations.all[0]]
        #expect(throws: StorageError.self) {
            _ = try Migrator(connection: connection, builtin: reordered, service: Fixtures.migrations).migrate()
        }
    }
}
