import CMallocStats
import Foundation
import Storage
import TestProcesses
import Testing

/// Opening, using and closing databases returns every byte: connections, statements, threads
/// and pending requests are all released. Measured in a child process, where no other test
/// allocates at the same time.
@Suite struct LeakTests {
    @Test func openingUsingAndClosingDatabasesLeaksNoMemory() async throws {
        let directory = try TemporaryDirectory()
        let log = directory.file("child.log")
        let child = try ChildProcess.storage.start(role: "leak-check", test: "leakCheckChild", arguments: [:], log: log)
        await child.exit()
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(child.terminationStatus == 0, "\(output)")
        #expect(output.contains("leakCheckChild() passed"), "\(output)")
    }
}

extension ChildEntryPoints {
    @Test(.enabled(if: ChildProcess.storage.role == "leak-check", "runs only as the child process LeakTests starts"))
    func leakCheckChild() async throws {
        func cycle() async throws {
            let database = try Database.inMemory(migrations: Fixtures.migrations)
            let sequences = database.committedSequences()
            for index in 0..<10 {
                try await database.write { tx in
                    try tx.execute("INSERT INTO items (label) VALUES (?)", "item \(index)")
                    try tx.appendEvent(kind: "k", payload: [UInt8(index)])
                }
            }
            await #expect(throws: DeliberateFailure.self) {
                try await database.write { _ in throw DeliberateFailure() }
            }
            _ = try await database.events(after: 0, limit: 100)
            _ = try await Fixtures.count("items", in: database)
            database.close()
            for await _ in sequences {}
        }
        // Thread churn fills libdispatch's continuation caches for a while; let them settle.
        for _ in 0..<100 { try await cycle() }
        // A leak grows the heap in every window; allocator and runtime caches settle, so one
        // window on a busy machine may be noisy, but not all three.
        let limit = 128 * 1024
        var growths: [Int] = []
        while growths.count < 3 && growths.allSatisfy({ $0 >= limit }) {
            let before = Int(heap_bytes_in_use())
            for _ in 0..<200 { try await cycle() }
            growths.append(Int(heap_bytes_in_use()) - before)
        }
        #expect(growths.contains { $0 < limit }, "heap grew by \(growths) bytes over windows of 200 cycles")
        print("heap growth over windows of 200 cycles: \(growths) bytes")
    }
}
