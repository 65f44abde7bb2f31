import Foundation
import Storage
import Synchronization
import TestProcesses
import Testing

@Suite struct WriteTests {
    @Test(arguments: Backing.allCases)
    func manyConcurrentWritersAllCommitAndShareTransactions(backing: Backing) async throws {
        let directory = try TemporaryDirectory()
        let database = try backing.open(in: directory)
        defer { database.close() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<64 {
                group.addTask {
                    for index in 0..<50 {
                        try await database.write { tx in
                            try tx.execute(
                                "INSERT INTO items (id, label) VALUES (?, ?)", writer * 1000 + index, "w\(writer)")
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await Fixtures.count("items", in: database) == 3200)
        let statistics = database.writeStatistics
        #expect(statistics.committedRequests == 3200)
        #expect(statistics.failedRequests == 0)
        #expect(statistics.commits < 3200, "group commit never put two requests in one transaction")
        #expect(statistics.largestBatch > 1)
    }

    @Test(arguments: Backing.allCases)
    func requestsWaitingTogetherCommitInOneTransaction(backing: Backing) async throws {
        let directory = try TemporaryDirectory()
        let database = try backing.open(in: directory)
        defer { database.close() }
        let gate = WriterGate()
        await gate.close(database)
        let outcomes = OutcomeLog()
        for index in 0..<100 {
            database.write({ try $0.execute("INSERT INTO items (label) VALUES (?)", "\(index)") }) {
                outcomes.record("\(index)", $0)
            }
        }
        let before = database.writeStatistics
        gate.open()
        try await outcomes.waitFor(count: 100)
        #expect(outcomes.failures.isEmpty)
        #expect(try await Fixtures.count("items", in: database) == 100)
        let after = database.writeStatistics
        #expect(after.commits == before.commits + 2)  // the gate's, then one for all hundred
        #expect(after.largestBatch == 100)
    }

    @Test(arguments: Backing.allCases)
    func aThrowingRequestRollsBackAloneInsideItsBatch(backing: Backing) async throws {
        let directory = try TemporaryDirectory()
        let database = try backing.open(in: directory)
        defer { database.close() }
        let gate = WriterGate()
        await gate.close(database)
        let outcomes = OutcomeLog()
        // The callback variant queues synchronously, so all three are waiting behind the gate
        // and run in one batch.
        database.write({ try $0.execute("INSERT INTO items (id, label) VALUES (1, 'first')") }) {
            outcomes.record("first", $0)
        }
        database.write({ tx in
            try tx.execute("INSERT INTO items (id, label) VALUES (2, 'second')")
            try tx.appendEvent(kind: "second", payload: [2])
            throw DeliberateFailure(tag: 2)
        }) { outcomes.record("second", $0) }
        database.write({ try $0.execute("INSERT INTO items (id, label) VALUES (3, 'third')") }) {
            outcomes.record("third", $0)
        }
        let before = database.writeStatistics
        gate.open()
        try await outcomes.waitFor(count: 3)

        #expect(outcomes.succeeded == ["first", "third"])
        #expect(outcomes.failures["second"] as? DeliberateFailure == DeliberateFailure(tag: 2))
        let ids = try await database.read { tx in
            try tx.fetchAll("SELECT id FROM items ORDER BY id").map { try $0.get(0, as: Int64.self) }
        }
        #expect(ids == [1, 3])
        #expect(try await database.events(after: 0, limit: 10).isEmpty)
        let after = database.writeStatistics
        #expect(after.commits == before.commits + 2)  // the gate's, then one for all three
        #expect(after.largestBatch >= 2)
        #expect(after.failedRequests == before.failedRequests + 1)
    }

    /// Requests run without savepoints of their own (they cost a fifth of the writer's time); only
    /// a request that fails after changing rows makes its batch run again, each request in a
    /// savepoint. Counting body runs shows which path a batch took.
    @Test func onlyAFailureAfterAWriteMakesTheBatchRunAgainInSavepoints() async throws {
        let database = try Database.inMemory(migrations: Fixtures.migrations)
        defer { database.close() }
        let runs = Atomic<Int>(0)

        func batch(failingAfterWrite: Bool) async throws -> (ids: [Int64], runs: Int) {
            try await database.write { try $0.execute("DELETE FROM items") }
            runs.store(0, ordering: .relaxed)
            let gate = WriterGate()
            await gate.close(database)
            let outcomes = OutcomeLog()
            database.write({ tx in
                runs.add(1, ordering: .relaxed)
                try tx.execute("INSERT INTO items (id, label) VALUES (1, 'first')")
            }) { outcomes.record("first", $0) }
            database.write({ tx in
                runs.add(1, ordering: .relaxed)
                if failingAfterWrite { try tx.execute("INSERT INTO items (id, label) VALUES (2, 'second')") }
                // A constraint failure SQLite undoes itself: no write survives it.
                try tx.execute("INSERT INTO items (id, label) VALUES (1, 'duplicate')")
            }) { outcomes.record("second", $0) }
            database.write({ tx in
                runs.add(1, ordering: .relaxed)
                try tx.execute("INSERT INTO items (id, label) VALUES (3, 'third')")
            }) { outcomes.record("third", $0) }
            gate.open()
            try await outcomes.waitFor(count: 3)
            #expect(outcomes.succeeded == ["first", "third"])
            #expect(outcomes.failures["second"] is StorageError)
            let ids = try await database.read { tx in
                try tx.fetchAll("SELECT id FROM items ORDER BY id").map { try $0.get(0, as: Int64.self) }
            }
            return (ids, runs.load(ordering: .relaxed))
        }

        let early = try await batch(failingAfterWrite: false)
        #expect(early.ids == [1, 3] && early.runs == 3, "failed before writing: nothing runs twice")
        #expect(database.writeStatistics.rerunBatches == 0)
        let late = try await batch(failingAfterWrite: true)
        #expect(late.ids == [1, 3], "the failed request's own insert is gone")
        #expect(late.runs == 2 + 3, "the first two ran, then all three again in savepoints")
        #expect(database.writeStatistics.rerunBatches == 1)
    }

    @Test func constraintViolationsSayWhichConstraint() async throws {
        let database = try Database.inMemory(migrations: Fixtures.migrations)
        defer { database.close() }
        try await database.write { try $0.execute("INSERT INTO owners (id, name) VALUES (1, 'a')") }

        func violation(_ sql: String) async -> StorageError.Constraint? {
            do {
                try await database.write { try $0.execute(sql) }
                return nil
            } catch let StorageError.constraint(kind, _, _) {
                return kind
            } catch {
                return nil
            }
        }
        #expect(await violation("INSERT INTO owners (name) VALUES ('a')") == .unique)
        #expect(await violation("INSERT INTO owners (id, name) VALUES (1, 'b')") == .primaryKey)
        #expect(await violation("INSERT INTO items (owner_id, label) VALUES (9, 'x')") == .foreignKey)
        #expect(await violation("INSERT INTO items (label) VALUES (NULL)") == .notNull)
        #expect(await violation("INSERT INTO items (label, quantity) VALUES ('x', -1)") == .check)
        #expect(try await Fixtures.count("items", in: database) == 0)
    }

    @Test func aDeferredForeignKeyViolationFailsOnlyItsRequest() async throws {
        let database = try Database.inMemory(migrations: Fixtures.migrations)
        defer { database.close() }
        let gate = WriterGate()
        await gate.close(database)
        let outcomes = OutcomeLog()
        database.write({ try $0.execute("INSERT INTO owners (id, name) VALUES (1, 'a')") }) {
            outcomes.record("owner", $0)
        }
        database.write({ try $0.execute("INSERT INTO links (owner_id) VALUES (99)") }) {
            outcomes.record("dangling", $0)
        }
        database.write({ try $0.execute("INSERT INTO links (owner_id) VALUES (1)") }) {
            outcomes.record("link", $0)
        }
        gate.open()
        try await outcomes.waitFor(count: 3)
        #expect(outcomes.succeeded == ["link", "owner"])
        guard case .constraint(.foreignKey, _, _) = outcomes.failures["dangling"] as? StorageError else {
            Issue.record("expected a foreign key error, got \(String(describing: outcomes.failures["dangling"]))")
            return
        }
        #expect(try await Fixtures.count("links", in: database) == 1)
    }

    @Test func aRequestCannotCommitOrRollBackTheBatch() async throws {
        let database = try Database.inMemory(migrations: Fixtures.migrations)
        defer { database.close() }
        for statement in ["COMMIT", "ROLLBACK", "BEGIN", "SAVEPOINT x", "RELEASE request"] {
            await #expect(throws: StorageError.self) {
                try await database.write { tx in
                    try tx.execute("INSERT INTO items (label) VALUES ('x')")
                    try tx.execute(statement)
                }
            }
        }
        try await database.write { try $0.execute("INSERT INTO items (label) VALUES ('kept')") }
        #expect(try await Fixtures.count("items", in: database) == 1)
    }

    @Test func theCallbackVariantCompletesOffTheWriterThreadAfterCommit() async throws {
        let database = try Database.inMemory(migrations: Fixtures.migrations)
        defer { database.close() }
        let (threads, continuation) = AsyncStream.makeStream(of: (body: pthread_t, completion: pthread_t).self)
        database.write({ tx in
            try tx.execute("INSERT INTO items (label) VALUES ('x')")
            return pthread_self()
        }) { result in
            #expect(database.writeStatistics.commits == 1, "completed only after its commit")
            continuation.yield((body: (try? result.get()) ?? 0, completion: pthread_self()))
            continuation.finish()
        }
        for await thread in threads {
            #expect(thread.body != 0)
            // The writer is already running the next batch while the syncer thread makes this
            // one durable and completes it.
            #expect(thread.body != thread.completion)
        }
        #expect(try await Fixtures.count("items", in: database) == 1)
    }
}
