import Foundation
import Storage
import TestProcesses
import Testing

/// A writer in a child process is SIGKILLed at random moments; after each kill the parent reopens
/// the files and checks what a client was promised.
@Suite struct CrashTests {
    static let schema = [
        Migration(
            name: "0001-parts",
            sql: """
                CREATE TABLE parts (
                    request_id INTEGER NOT NULL, part INTEGER NOT NULL, PRIMARY KEY (request_id, part)
                );
                """)
    ]
    static let consumerSchema = [
        Migration(
            name: "0001-applied", sql: "CREATE TABLE applied (seq INTEGER NOT NULL, request_id INTEGER NOT NULL);")
    ]
    /// Rows each request writes; a torn request would leave fewer.
    static let partsPerRequest = 3

    struct Files {
        let source: String
        let destination: String
        let acknowledgements: String
        let log: String

        init(_ directory: TemporaryDirectory) {
            source = directory.file("source.sqlite")
            destination = directory.file("consumer.sqlite")
            acknowledgements = directory.file("acks")
            log = directory.file("child.log")
        }
    }

    @Test func acknowledgedWritesSurviveSIGKILLAndRequestsAreAllOrNothing() async throws {
        let directory = try TemporaryDirectory()
        let files = Files(directory)
        _ = FileManager.default.createFile(atPath: files.acknowledgements, contents: nil)
        var rounds = 0
        var roundsWithWrites = 0
        for round in 1...20 {
            let acknowledgedBefore = try acknowledged(files).count
            let child = try ChildProcess.storage.start(
                role: "crash-writer", test: "crashWriterChild",
                arguments: [
                    "SOURCE": files.source, "DESTINATION": files.destination, "ACKS": files.acknowledgements,
                    "ROUND": "\(round)",
                ], log: files.log)
            if round % 4 == 1 {
                // Anywhere, including while the child opens and migrates.
                try await Task.sleep(for: .milliseconds(Int.random(in: 0...250)))
            } else {
                // Mid-stream: once it is acknowledging writes.
                try await waitForAcknowledgements(beyond: acknowledgedBefore, files: files, child: child)
                try await Task.sleep(for: .milliseconds(Int.random(in: 0...40)))
            }
            child.kill()
            rounds += 1
            let acknowledged = try acknowledged(files)
            if acknowledged.count > acknowledgedBefore { roundsWithWrites += 1 }
            try await verify(files, acknowledged: acknowledged)
        }
        #expect(rounds == 20)
        #expect(roundsWithWrites >= 15)
    }

    /// Request ids the child acknowledged: written to the file only after `write` returned.
    private func acknowledged(_ files: Files) throws -> Set<Int64> {
        let text = try String(contentsOfFile: files.acknowledgements, encoding: .utf8)
        // A line cut short by the kill has no newline and was never a complete acknowledgement.
        let complete = text.hasSuffix("\n") ? Substring(text) : text[..<(text.lastIndex(of: "\n") ?? text.startIndex)]
        return Set(complete.split(separator: "\n").map { Int64($0)! })
    }

    private func waitForAcknowledgements(beyond count: Int, files: Files, child: SpawnedProcess) async throws {
        let deadline = ContinuousClock.now + .seconds(15)
        while try acknowledged(files).count <= count {
            guard child.isRunning, ContinuousClock.now < deadline else {
                let log = (try? String(contentsOfFile: files.log, encoding: .utf8)) ?? ""
                Issue.record("the child stopped or stalled before acknowledging a write:\n\(log)")
                return
            }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    private func verify(_ files: Files, acknowledged: Set<Int64>) async throws {
        let source = try Database.open(path: files.source, migrations: Self.schema)
        defer { source.close() }
        let (parts, feed) = try await source.read { tx in
            (
                try tx.fetchAll("SELECT request_id, count(*) FROM parts GROUP BY request_id").map {
                    (try $0.get(0, as: Int64.self), try $0.get(1, as: Int.self))
                },
                try tx.events(after: 0, limit: .max)
            )
        }
        let present = Set(parts.map(\.0))
        #expect(parts.allSatisfy { $0.1 == Self.partsPerRequest }, "a request is partly visible")
        #expect(acknowledged.isSubset(of: present), "acknowledged writes lost: \(acknowledged.subtracting(present))")
        #expect(feed.map(\.seq) == Array(1..<Int64(feed.count + 1)), "the feed has a gap")
        let requestOfSeq = Dictionary(
            uniqueKeysWithValues: feed.map { ($0.seq, Int64(String(decoding: $0.payload, as: UTF8.self))!) })
        #expect(Set(requestOfSeq.values) == present)
        #expect(requestOfSeq.count == present.count)

        let destination = try Database.open(path: files.destination, migrations: Self.consumerSchema)
        defer { destination.close() }
        let (applied, cursor) = try await destination.read { tx in
            (
                try tx.fetchAll("SELECT seq, request_id FROM applied ORDER BY seq").map {
                    (try $0.get(0, as: Int64.self), try $0.get(1, as: Int64.self))
                },
                try tx.cursor("crash")
            )
        }
        #expect(applied.map(\.0) == Array(1..<(cursor + 1)), "the consumer skipped or repeated events")
        #expect(applied.allSatisfy { requestOfSeq[$0.0] == $0.1 })
    }

    @Test func aFileLockedByAnotherProcessIsRefusedWithItsPath() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("locked.sqlite")
        let ready = directory.file("ready")
        let child = try ChildProcess.storage.start(
            role: "lock-holder", test: "lockHolderChild", arguments: ["PATH": path, "READY": ready],
            log: directory.file("child.log"))
        defer { child.kill() }
        let deadline = ContinuousClock.now + .seconds(15)
        while !FileManager.default.fileExists(atPath: ready) && child.isRunning && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        try #require(FileManager.default.fileExists(atPath: ready), "the child never took the lock")

        let error = #expect(throws: StorageError.self) {
            try Database.open(path: path, options: Database.Options(busyTimeout: .milliseconds(200)))
        }
        guard case .locked(let reportedPath, _) = error else {
            Issue.record("expected .locked, got \(String(describing: error))")
            return
        }
        #expect(reportedPath == path)
        #expect("\(error!)".contains(path))

        child.kill()
        try Database.open(path: path).close()
    }
}
