import Foundation
import Storage
import Testing

@Suite struct FeedConsumerTests {
    static let destinationMigrations = [
        // No uniqueness on seq, so a double application would show up as a duplicate row.
        Migration(name: "0001-applied", sql: "CREATE TABLE applied (seq INTEGER NOT NULL, payload BLOB NOT NULL);")
    ]

    static func produce(_ count: Int, into source: Database) async throws {
        try await source.write { tx in
            for index in 0..<count { try tx.appendEvent(kind: "e", payload: Array("event \(index)".utf8)) }
        }
    }

    static func appliedSeqs(_ destination: Database) async throws -> [Int64] {
        try await destination.read { tx in
            try tx.fetchAll("SELECT seq FROM applied ORDER BY seq").map { try $0.get(0) }
        }
    }

    @Sendable static func record(_ tx: WriteTransaction, _ event: FeedEvent) throws {
        try tx.execute("INSERT INTO applied (seq, payload) VALUES (?, ?)", event.seq, event.payload)
    }

    @Test func aConsumerFailingMidBatchResumesWithNothingSkippedOrRepeated() async throws {
        let source = try Database.inMemory()
        let destination = try Database.inMemory(migrations: Self.destinationMigrations)
        defer {
            source.close()
            destination.close()
        }
        try await Self.produce(500, into: source)
        // Each "crash" throws while a batch is half applied; every restart is a fresh consumer.
        for crashAt in [17, 18, 250, 499] as [Int64] {
            let consumer = FeedConsumer(name: "dest", source: source, destination: destination, batchSize: 64)
            do {
                while try await consumer.applyNextBatch({ tx, event in
                    try Self.record(tx, event)
                    if event.seq == crashAt { throw DeliberateFailure(tag: Int(crashAt)) }
                }) > 0 {}
                Issue.record("the consumer should have crashed at \(crashAt)")
            } catch is DeliberateFailure {}
            let applied = try await Self.appliedSeqs(destination)
            #expect(applied == Array(1..<Int64(applied.count + 1)))
            #expect(applied.last ?? 0 < crashAt)
        }
        let consumer = FeedConsumer(name: "dest", source: source, destination: destination, batchSize: 64)
        while try await consumer.applyNextBatch(Self.record) > 0 {}
        #expect(try await Self.appliedSeqs(destination) == Array(1...500))
        #expect(try await destination.read { try $0.cursor("dest") } == 500)
    }

    @Test func aCancelledConsumerResumesWhereItStopped() async throws {
        let source = try Database.inMemory()
        let destination = try Database.inMemory(migrations: Self.destinationMigrations)
        defer {
            source.close()
            destination.close()
        }
        try await Self.produce(100, into: source)
        let first = FeedConsumer(name: "dest", source: source, destination: destination, batchSize: 7)
        let running = Task { try await first.run(Self.record) }
        while try await destination.read({ try $0.cursor("dest") }) < 30 { try await Task.sleep(for: .milliseconds(1)) }
        running.cancel()
        try await running.value

        try await Self.produce(100, into: source)
        let second = FeedConsumer(name: "dest", source: source, destination: destination, batchSize: 7)
        let resumed = Task { try await second.run(Self.record) }
        // It wakes on the commit notification; no polling interval to wait out.
        try await Self.produce(50, into: source)
        while try await destination.read({ try $0.cursor("dest") }) < 250 {
            try await Task.sleep(for: .milliseconds(1))
        }
        resumed.cancel()
        try await resumed.value
        #expect(try await Self.appliedSeqs(destination) == Array(1...250))
    }

    @Test func aCursorCannotMoveBackwards() async throws {
        let database = try Database.inMemory()
        defer { database.close() }
        try await database.write { try $0.setCursor("c", to: 5) }
        await #expect(throws: StorageError.self) { try await database.write { try $0.setCursor("c", to: 3) } }
        #expect(try await database.read { try $0.cursor("c") } == 5)
        #expect(try await database.read { try $0.cursor("unknown") } == 0)
    }

    @Test func aCursorKeepsTheFingerprintOfItsEventUntilItMovesWithoutOne() async throws {
        let database = try Database.inMemory()
        defer { database.close() }
        #expect(try await database.read { try $0.cursorFingerprint("c") } == nil)
        try await database.write { try $0.setCursor("c", to: 5, fingerprint: 1_700_000_000_123_000_000) }
        #expect(try await database.read { try $0.cursorFingerprint("c") } == 1_700_000_000_123_000_000)
        try await database.write { try $0.setCursor("c", to: 6, fingerprint: -1) }
        #expect(try await database.read { try $0.cursorFingerprint("c") } == -1)
        // A fingerprint belongs to the event at the cursor: moved without one, none is known.
        try await database.write { try $0.setCursor("c", to: 7) }
        let moved = try await database.read { tx in (try tx.cursor("c"), try tx.cursorFingerprint("c")) }
        #expect(moved.0 == 7 && moved.1 == nil)
    }
}
