import Foundation
import Storage
import TestProcesses
import Testing

/// Durable single-row writes per second, with and without group commit, at several
/// concurrencies, on a real disk. Skipped unless `SJ_STORAGE_BENCH=1`:
/// `SJ_STORAGE_BENCH=1 swift test --filter GroupCommitBenchmark`. (Swift Testing does not build
/// with `-c release` on this toolchain; the fsync dominates anyway.)
@Suite struct GroupCommitBenchmark {
    static let isRequested = ProcessInfo.processInfo.environment["SJ_STORAGE_BENCH"] == "1"
    static let schema = [
        Migration(name: "0001-bench", sql: "CREATE TABLE bench (id INTEGER PRIMARY KEY, payload BLOB NOT NULL);")
    ]

    @Test(.enabled(if: isRequested, "a benchmark, not a test: `make bench` runs it with SJ_STORAGE_BENCH=1"))
    func durableWritesPerSecond() async throws {
        let seconds = Double(ProcessInfo.processInfo.environment["SJ_STORAGE_BENCH_SECONDS"] ?? "") ?? 2
        var lines = ["| concurrency | group commit (writes/s) | one transaction per write (writes/s) | ratio |"]
        lines.append("|---:|---:|---:|---:|")
        for concurrency in [1, 16, 256] {
            let grouped = try await Self.measure(concurrency: concurrency, maxBatchSize: 512, seconds: seconds)
            let single = try await Self.measure(concurrency: concurrency, maxBatchSize: 1, seconds: seconds)
            lines.append(
                "| \(concurrency) | \(Int(grouped)) | \(Int(single)) | \(String(format: "%.1f", grouped / single)) |")
        }
        print(lines.joined(separator: "\n"))
    }

    static func measure(concurrency: Int, maxBatchSize: Int, seconds: Double) async throws -> Double {
        let directory = try TemporaryDirectory()
        let database = try Database.open(
            path: directory.file("bench.sqlite"), migrations: schema,
            options: Database.Options(maxBatchSize: maxBatchSize))
        defer { database.close() }
        let payload = [UInt8](repeating: 0xAB, count: 100)
        let start = ContinuousClock.now
        let deadline = start + .milliseconds(Int(seconds * 1000))
        let completed = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var writes = 0
                    while ContinuousClock.now < deadline {
                        try await database.write { try $0.execute("INSERT INTO bench (payload) VALUES (?)", payload) }
                        writes += 1
                    }
                    return writes
                }
            }
            return try await group.reduce(0, +)
        }
        let elapsed = ContinuousClock.now - start
        let elapsedSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Double(completed) / elapsedSeconds
    }
}
