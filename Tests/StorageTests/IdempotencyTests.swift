import Foundation
import Storage
import TestProcesses
import Testing

@Suite struct IdempotencyTests {
    /// A creating request: inserts an item and answers with its id, serialized.
    @Sendable static func create(
        _ tx: WriteTransaction, requestId: String, label: String, calls: LockedValue<Int>? = nil
    ) throws -> IdempotentResult {
        try tx.idempotent(scope: "CreateItem", requestId: requestId, requestFingerprint: Array(label.utf8)) {
            calls?.set((calls?.get() ?? 0) + 1)
            try tx.execute("INSERT INTO items (label) VALUES (?)", label)
            return Array("item-\(tx.lastInsertedRowID)".utf8)
        }
    }

    @Test(arguments: Backing.allCases)
    func aRetryReplaysTheStoredResponseWithoutWritingAgain(backing: Backing) async throws {
        let directory = try TemporaryDirectory()
        let database = try backing.open(in: directory)
        defer { database.close() }
        let calls = LockedValue(0)
        let first = try await database.write { try Self.create($0, requestId: "r-1", label: "bolt", calls: calls) }
        let retry = try await database.write { try Self.create($0, requestId: "r-1", label: "bolt", calls: calls) }
        #expect(first == .created(Array("item-1".utf8)))
        #expect(retry == .replayed(first.response))
        #expect(retry.isReplay && !first.isReplay)
        #expect(calls.get() == 1)
        #expect(try await Fixtures.count("items", in: database) == 1)
    }

    @Test func theSameIdForADifferentRequestIsRefusedNamingTheId() async throws {
        let database = try Database.inMemory(migrations: Fixtures.migrations)
        defer { database.close() }
        _ = try await database.write { try Self.create($0, requestId: "r-1", label: "bolt") }
        await #expect(throws: StorageError.requestIdReused(scope: "CreateItem", requestId: "r-1")) {
            try await database.write { try Self.create($0, requestId: "r-1", label: "nut") }
        }
        #expect("\(StorageError.requestIdReused(scope: "CreateItem", requestId: "r-1"))".contains("r-1"))
        #expect(try await Fixtures.count("items", in: database) == 1)
    }

    @Test func concurrentRetriesCreateOnce() async throws {
        let database = try Database.inMemory(migrations: Fixtures.migrations)
        defer { database.close() }
        let results = try await withThrowingTaskGroup(of: IdempotentResult.self) { group in
            for _ in 0..<20 {
                group.addTask { try await database.write { try Self.create($0, requestId: "same", label: "bolt") } }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.filter { !$0.isReplay }.count == 1)
        #expect(Set(results.map(\.response)).count == 1)
        #expect(try await Fixtures.count("items", in: database) == 1)
    }

    @Test func aFailedRequestLeavesNoRecordSoItsRetryRuns() async throws {
        let database = try Database.inMemory(migrations: Fixtures.migrations)
        defer { database.close() }
        await #expect(throws: DeliberateFailure()) {
            try await database.write { tx in
                try tx.idempotent(scope: "CreateItem", requestId: "r-1", requestFingerprint: [1]) {
                    try tx.execute("INSERT INTO items (label) VALUES ('half')")
                    throw DeliberateFailure()
                }
            }
        }
        let retry = try await database.write { tx in
            try tx.idempotent(scope: "CreateItem", requestId: "r-1", requestFingerprint: [1]) { [7] }
        }
        #expect(retry == .created([7]))
        #expect(try await Fixtures.count("items", in: database) == 0)
    }

    @Test func scopesKeepTheirOwnIds() async throws {
        let database = try Database.inMemory()
        defer { database.close() }
        let (a, b) = try await database.write { tx in
            (
                try tx.idempotent(scope: "A", requestId: "1", requestFingerprint: [1]) { [0xA] },
                try tx.idempotent(scope: "B", requestId: "1", requestFingerprint: [2]) { [0xB] }
            )
        }
        #expect(a == .created([0xA]) && b == .created([0xB]))
    }

    @Test func oldRecordsCanBeForgotten() async throws {
        let database = try Database.inMemory()
        defer { database.close() }
        let deleted = try await database.write { tx in
            _ = try tx.idempotent(scope: "A", requestId: "1", requestFingerprint: [1]) { [1] }
            return try tx.deleteIdempotencyRecords(createdBefore: tx.batchTimestamp + 1)
        }
        #expect(deleted == 1)
    }
}
