import Foundation
import Storage
import TestProcesses
import Testing

@Suite struct ReadTests {
    @Test(arguments: Backing.allCases)
    func readsSeeOnlyCommittedData(backing: Backing) async throws {
        let directory = try TemporaryDirectory()
        let database = try backing.open(in: directory)
        defer { database.close() }
        let gate = WriterGate()
        await gate.close(database) { tx in
            try tx.execute("INSERT INTO items (label) VALUES ('pending')")
            try tx.appendEvent(kind: "pending", payload: [])
        }
        // The writer has inserted a row and an event and is parked before COMMIT.
        #expect(try await Fixtures.count("items", in: database) == 0)
        #expect(try await database.events(after: 0, limit: 10).isEmpty)
        #expect(database.lastCommittedSequence == 0)
        gate.open()
        await gate.waitUntilCompleted()
        #expect(try await Fixtures.count("items", in: database) == 1)
        #expect(database.lastCommittedSequence == 1)
    }

    @Test(arguments: Backing.allCases)
    func aReadSeesOneSnapshotWhileWritesCommit(backing: Backing) async throws {
        let directory = try TemporaryDirectory()
        let database = try backing.open(in: directory)
        defer { database.close() }
        let writers = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        for _ in 0..<50 {
                            try await database.write { try $0.execute("INSERT INTO items (label) VALUES ('x')") }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        for _ in 0..<20 {
            let (first, second) = try await database.read { tx in
                let first = try tx.fetchValue(Int64.self, "SELECT count(*) FROM items")
                usleep(2_000)
                return (first, try tx.fetchValue(Int64.self, "SELECT count(*) FROM items"))
            }
            #expect(first == second)
        }
        try await writers.value
        #expect(try await Fixtures.count("items", in: database) == 400)
    }

    @Test func readsRunOnAStorageThreadNotTheCaller() throws {
        let database = try Database.inMemory(migrations: Fixtures.migrations)
        defer { database.close() }
        let done = DispatchSemaphore(value: 0)
        let readerThread = LockedValue<pthread_t>(0)
        database.read({ _ in pthread_self() }) { result in
            readerThread.set((try? result.get()) ?? 0)
            done.signal()
        }
        done.wait()
        #expect(readerThread.get() != 0)
        #expect(readerThread.get() != pthread_self())
    }

    @Test func readTransactionsCannotWrite() async throws {
        let database = try Database.inMemory(migrations: Fixtures.migrations)
        defer { database.close() }
        await #expect(throws: StorageError.self) {
            try await database.read { try $0.execute("INSERT INTO items (label) VALUES ('x')") }
        }
    }

    @Test func rowsDecodeEveryStorageClassStrictly() async throws {
        let database = try Database.inMemory()
        defer { database.close() }
        let row = try await database.read { tx in
            try tx.fetchOne("SELECT 42 AS i, 2.5 AS r, 'text' AS t, x'00ff' AS b, NULL AS n, x'' AS e")
        }
        let values = try #require(row)
        #expect(try values.get("i", as: Int64.self) == 42)
        #expect(try values.get("I", as: Int.self) == 42)
        #expect(try values.get("r", as: Double.self) == 2.5)
        #expect(try values.get("t", as: String.self) == "text")
        #expect(try values.get("b", as: [UInt8].self) == [0x00, 0xFF])
        #expect(try values.get("e", as: [UInt8].self) == [])
        #expect(try values.get("n", as: String?.self) == nil)
        #expect(throws: StorageError.self) { try values.get("n", as: String.self) }
        #expect(throws: StorageError.self) { try values.get("t", as: Int64.self) }
        #expect(throws: StorageError.self) { try values.get("missing", as: Int64.self) }
    }

    @Test func argumentsRoundTripThroughEveryType() async throws {
        let database = try Database.inMemory()
        defer { database.close() }
        let name: String? = nil
        let row = try await database.write { tx in
            try tx.fetchOne("SELECT ?, ?, ?, ?, ?, ?", Int64.max, 1.25, "双降", [UInt8]([1, 2, 3]), name, true)
        }
        let values = try #require(row).values
        #expect(values == [.integer(.max), .real(1.25), .text("双降"), .blob([1, 2, 3]), .null, .integer(1)])
    }
}
