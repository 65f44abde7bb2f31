import Foundation
import Storage
import TestProcesses
import Testing

@Suite struct FeedTests {
    @Test(arguments: Backing.allCases)
    func sequenceNumbersFollowCommitOrderWithoutGaps(backing: Backing) async throws {
        let directory = try TemporaryDirectory()
        let database = try backing.open(in: directory)
        defer { database.close() }
        // Some requests append and then fail: their numbers are rolled back and reused, never skipped.
        let assigned = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for writer in 0..<16 {
                group.addTask {
                    var mine: [Int64] = []
                    for index in 0..<20 {
                        do {
                            mine += try await database.write { tx in
                                let first = try tx.appendEvent(kind: "k", payload: [UInt8(writer), UInt8(index)])
                                let second = try tx.appendEvent(kind: "k", payload: [])
                                if index % 5 == 0 { throw DeliberateFailure() }
                                return [first, second]
                            }
                        } catch is DeliberateFailure {}
                    }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        let events = try await database.events(after: 0, limit: 10_000)
        #expect(events.map(\.seq) == Array(1...Int64(16 * 16 * 2)))
        #expect(assigned.sorted() == events.map(\.seq))
        #expect(database.lastCommittedSequence == Int64(events.count))
    }

    @Test func eventsAfterReturnsAtMostLimitInOrder() async throws {
        let database = try Database.inMemory()
        defer { database.close() }
        try await database.write { tx in
            for index in 1...10 { try tx.appendEvent(kind: "n\(index)", payload: [UInt8(index)]) }
        }
        let page = try await database.events(after: 3, limit: 4)
        #expect(page.map(\.seq) == [4, 5, 6, 7])
        #expect(page.map(\.kind) == ["n4", "n5", "n6", "n7"])
        #expect(page[0].payload == [4])
        #expect(page[0].committedAt > 1_700_000_000_000)
        #expect(try await database.events(after: 10, limit: 4).isEmpty)
    }

    @Test func readersNeverSeeAGap() async throws {
        let database = try Database.inMemory()
        defer { database.close() }
        let writers = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        for _ in 0..<40 { try await database.write { try $0.appendEvent(kind: "k", payload: []) } }
                    }
                }
                try await group.waitForAll()
            }
        }
        var last: Int64 = 0
        while last < 320 {
            let page = try await database.events(after: last, limit: 1_000)
            if let first = page.first { #expect(first.seq == last + 1) }
            #expect(page.map(\.seq) == Array((last + 1)..<(last + 1 + Int64(page.count))))
            last = page.last?.seq ?? last
        }
        try await writers.value
    }

    @Test func onCommitFiresOnlyForCommitsThatAddEvents() async throws {
        let database = try Database.inMemory(migrations: Fixtures.migrations)
        defer { database.close() }
        let seen = LockedValue<[Int64]>([])
        let observation = database.onCommit { seq in seen.set(seen.get() + [seq]) }
        try await database.write { tx in
            for _ in 0..<3 { try tx.appendEvent(kind: "k", payload: []) }
        }
        try await database.write { try $0.execute("INSERT INTO items (label) VALUES ('no event')") }
        try await database.write { try $0.appendEvent(kind: "k", payload: []) }
        #expect(seen.get() == [3, 4])
        observation.cancel()
        try await database.write { try $0.appendEvent(kind: "k", payload: []) }
        #expect(seen.get() == [3, 4])
    }

    @Test func committedSequencesStartsAtTheCurrentValueAndEndsOnClose() async throws {
        let database = try Database.inMemory()
        try await database.write { try $0.appendEvent(kind: "k", payload: []) }
        let sequences = database.committedSequences()
        let collected = Task {
            var values: [Int64] = []
            for await seq in sequences { values.append(seq) }
            return values
        }
        try await Task.sleep(for: .milliseconds(20))
        try await database.write { try $0.appendEvent(kind: "k", payload: []) }
        try await Task.sleep(for: .milliseconds(20))
        database.close()
        let values = await collected.value
        #expect(values.first == 1)
        #expect(values.last == 2)
    }

    @Test func theFeedIsAppendOnly() async throws {
        let database = try Database.inMemory()
        defer { database.close() }
        try await database.write { try $0.appendEvent(kind: "k", payload: [1]) }
        for statement in ["UPDATE feed SET payload = x'02'", "DELETE FROM feed"] {
            await #expect {
                try await database.write { try $0.execute(statement) }
            } throws: { error in
                guard case .constraint(.trigger, _, _) = error as? StorageError else { return false }
                return true
            }
        }
    }

    @Test func numberingContinuesAfterReopen() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("db.sqlite")
        let database = try Database.open(path: path)
        try await database.write { tx in
            for _ in 0..<5 { try tx.appendEvent(kind: "k", payload: []) }
        }
        database.close()
        let reopened = try Database.open(path: path)
        defer { reopened.close() }
        #expect(reopened.lastCommittedSequence == 5)
        #expect(try await reopened.write { try $0.appendEvent(kind: "k", payload: []) } == 6)
    }
}
