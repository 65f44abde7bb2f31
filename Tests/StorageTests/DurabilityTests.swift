import Dispatch
import Glibc
import Synchronization
import TestProcesses
import Testing

@testable import Storage

/// The syncer's promises (Sources/Storage/Internal/Syncer.swift): nothing that depends on a commit
/// (its writes' acknowledgements, reads that saw it, feed notifications) is delivered before the
/// WAL holding it was synced, and after a failed fsync nothing is promised at all. A hook holds
/// the syncer just before its fsync, which is the only window where a commit is visible but not
/// yet durable; a power cut cannot be simulated, this window can.
/// Blocks the syncer before its next fsync until `release`; `held` reports that it waits.
final class SyncHold: Sendable {
    private let reached = DispatchSemaphore(value: 0)
    private let released = DispatchSemaphore(value: 0)
    let failWith = Atomic<Int32>(0)

    func install(on database: Database) {
        database.beforeSyncForTesting { [self] in
            reached.signal()
            released.wait()
            return failWith.load(ordering: .relaxed)
        }
    }

    func waitUntilHeld() async {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { [reached] in
                reached.wait()
                continuation.resume()
            }
        }
    }

    func release() { released.signal() }
}

@Suite struct DurabilityTests {
    /// Whether `task` finishes within `milliseconds`: long enough to catch a result delivered
    /// early, which would arrive within microseconds.
    static func finishes<T: Sendable>(_ task: Task<T, any Error>, within milliseconds: Int) async -> Bool {
        let done = Atomic<Bool>(false)
        let watcher = Task {
            _ = try? await task.value
            done.store(true, ordering: .sequentiallyConsistent)
        }
        try? await Task.sleep(for: .milliseconds(milliseconds))
        watcher.cancel()
        return done.load(ordering: .sequentiallyConsistent)
    }

    @Test func aWriteAndAReadThatSawItWaitForTheFsync() async throws {
        let directory = try TemporaryDirectory()
        let database = try Database.open(path: directory.path + "/db.sqlite", migrations: Fixtures.migrations)
        defer { database.close() }
        let hold = SyncHold()
        hold.install(on: database)

        let write = Task { try await database.write { try $0.execute("INSERT INTO items (label) VALUES ('x')") } }
        await hold.waitUntilHeld()
        #expect(database.writeStatistics.commits == 1, "committed, visible to readers, not yet durable")
        let read = Task { try await Fixtures.count("items", in: database) }
        #expect(!(await Self.finishes(write, within: 150)), "acknowledged before the fsync")
        #expect(!(await Self.finishes(read, within: 50)), "showed a commit that was not durable")

        hold.release()
        try await write.value
        #expect(try await read.value == 1)
        // A read after the fsync needs no wait (the next fsync would block on the hook).
        #expect(try await Fixtures.count("items", in: database) == 1)
    }

    @Test func aFeedCommitIsAnnouncedOnlyAfterTheFsync() async throws {
        let database = try Database.inMemory(migrations: Fixtures.migrations)
        defer { database.close() }
        let hold = SyncHold()
        hold.install(on: database)
        let announced = Atomic<Int64>(0)
        let observation = database.onCommit { announced.store($0, ordering: .sequentiallyConsistent) }

        let write = Task { try await database.write { try $0.appendEvent(kind: "thing", payload: [1]) } }
        await hold.waitUntilHeld()
        try await Task.sleep(for: .milliseconds(50))
        #expect(announced.load(ordering: .sequentiallyConsistent) == 0)
        #expect(database.lastCommittedSequence == 0)
        hold.release()
        _ = try await write.value
        #expect(announced.load(ordering: .sequentiallyConsistent) == 1)
        #expect(database.lastCommittedSequence == 1)
        observation.cancel()
    }

    @Test func afterAFailedFsyncNothingMoreIsAcknowledged() async throws {
        let database = try Database.inMemory(migrations: Fixtures.migrations)
        defer { database.close() }
        let hold = SyncHold()
        hold.failWith.store(5, ordering: .relaxed)  // EIO
        hold.install(on: database)

        let write = Task { try await database.write { try $0.execute("INSERT INTO items (label) VALUES ('x')") } }
        await hold.waitUntilHeld()
        hold.release()
        let failure = await #expect(throws: StorageError.self) { try await write.value }
        #expect("\(String(describing: failure))".contains("fdatasync"))
        database.beforeSyncForTesting(nil)
        await #expect(throws: StorageError.self, "a later write") {
            try await database.write { try $0.execute("INSERT INTO items (label) VALUES ('y')") }
        }
        await #expect(throws: StorageError.self, "a read") { try await Fixtures.count("items", in: database) }
    }

    /// The fsyncs made for `count` concurrent single-row writes, each fsync taking 2 ms.
    static func fsyncs(forConcurrentWrites count: Int, maxBatchSize: Int) async throws -> Int {
        let database = try Database.inMemory(
            migrations: Fixtures.migrations, options: Database.Options(maxBatchSize: maxBatchSize))
        defer { database.close() }
        let fsyncs = Atomic<Int>(0)
        database.beforeSyncForTesting {
            fsyncs.add(1, ordering: .relaxed)
            usleep(2_000)
            return 0
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<count {
                group.addTask {
                    try await database.write { try $0.execute("INSERT INTO items (label) VALUES (?)", "\(index)") }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await Fixtures.count("items", in: database) == count)
        return fsyncs.load(ordering: .relaxed)
    }

    /// Group commit: writes that wait behind a fsync share the next one. Off (maxBatchSize 1,
    /// the benchmarks' comparison), every write has a transaction and a fsync of its own: the
    /// writer does not start the next transaction before the fsync, which could cover both.
    @Test func groupCommitSharesFsyncsAndWithoutItEachWriteHasItsOwn() async throws {
        #expect(try await Self.fsyncs(forConcurrentWrites: 64, maxBatchSize: 512) < 32)
        #expect(try await Self.fsyncs(forConcurrentWrites: 64, maxBatchSize: 1) == 64)
    }
}
