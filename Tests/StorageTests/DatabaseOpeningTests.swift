import Foundation
import Storage
import TestProcesses
import Testing

@Suite struct DatabaseOpeningTests {
    @Test(arguments: Backing.allCases)
    func openingTurnsOnWALAndForeignKeysAndLeavesTheSyncToTheSyncer(backing: Backing) async throws {
        let directory = try TemporaryDirectory()
        let database = try backing.open(in: directory)
        defer { database.close() }
        let journalMode = try await database.read { try $0.fetchValue(String.self, "PRAGMA journal_mode") }
        #expect(journalMode == "wal")
        let (foreignKeys, synchronous) = try await database.write { tx in
            (
                try tx.fetchValue(Int64.self, "PRAGMA foreign_keys"),
                try tx.fetchValue(Int64.self, "PRAGMA synchronous")
            )
        }
        #expect(foreignKeys == 1)
        // NORMAL: COMMIT writes the WAL and the syncer thread fsyncs it before acknowledging
        // (DurabilityTests); checkpoints still sync both files.
        #expect(synchronous == 1)
    }

    @Test func theInstanceSecretIsRandomPerDatabaseAndKeptAcrossReopening() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("db.sqlite")
        let first = try Database.open(path: path)
        let secret = first.instanceSecret
        first.close()
        let reopened = try Database.open(path: path)
        defer { reopened.close() }
        #expect(secret.count == 32)
        #expect(reopened.instanceSecret == secret)
        let other = try Database.inMemory()
        defer { other.close() }
        #expect(other.instanceSecret != secret)
    }

    @Test func anInMemoryDatabaseIsGoneAfterClose() throws {
        let database = try Database.inMemory()
        #expect(FileManager.default.fileExists(atPath: database.path))
        database.close()
        #expect(!FileManager.default.fileExists(atPath: database.path))
    }

    @Test func aCorruptFileIsRefusedWithItsPath() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("corrupt.sqlite")
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StorageError.self) { try Database.open(path: path) }
        guard case .corrupt(let reportedPath, _) = error else {
            Issue.record("expected .corrupt, got \(String(describing: error))")
            return
        }
        #expect(reportedPath == path)
        #expect("\(error!)".contains(path))
    }

    @Test func aMissingDirectoryIsRefusedWithItsPath() throws {
        let path = "/nonexistent-sj-storage/\(UUID().uuidString)/db.sqlite"
        #expect {
            try Database.open(path: path)
        } throws: { error in
            guard case .cannotOpen(let reportedPath, _) = error as? StorageError else { return false }
            return reportedPath == path
        }
    }

    @Test func aClosedDatabaseRefusesRequests() async throws {
        let database = try Database.inMemory()
        database.close()
        await #expect(throws: StorageError.closed) { try await database.write { _ in } }
        await #expect(throws: StorageError.closed) { try await database.read { _ in } }
    }

    @Test func closeRunsTheRequestsAlreadyQueued() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("db.sqlite")
        let database = try Database.open(path: path, migrations: Fixtures.migrations)
        let outcomes = OutcomeLog()
        for index in 0..<20 {
            database.write({ try $0.execute("INSERT INTO items (label) VALUES (?)", "item \(index)") }) {
                outcomes.record("\(index)", $0)
            }
        }
        database.close()
        #expect(outcomes.succeeded.count == 20)
        let reopened = try Database.open(path: path, migrations: Fixtures.migrations)
        defer { reopened.close() }
        #expect(try await Fixtures.count("items", in: reopened) == 20)
    }

    /// A completion runs on a storage thread (the syncer's, for writes); closing the database from
    /// there must neither deadlock nor drop the requests still queued behind it.
    @Test(.timeLimit(.minutes(1))) func closingFromACompletionStillDeliversEveryQueuedRequest() async throws {
        let database = try Database.inMemory(migrations: Fixtures.migrations)
        let gate = WriterGate()
        await gate.close(database)
        let outcomes = OutcomeLog()
        for index in 0..<20 {
            database.write({ try $0.execute("INSERT INTO items (label) VALUES (?)", "item \(index)") }) {
                if index == 0 { database.close() }
                outcomes.record("\(index)", $0)
            }
        }
        gate.open()
        try await outcomes.waitFor(count: 20)
        #expect(outcomes.succeeded.count == 20)
        await #expect(throws: StorageError.closed) { try await database.write { _ in } }
    }
}
