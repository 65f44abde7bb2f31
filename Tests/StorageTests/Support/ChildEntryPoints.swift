import Foundation
import Storage
import TestProcesses
import Testing

/// The bodies of the child processes; skipped unless this process was started as that child.
@Suite struct ChildEntryPoints {
    @Test(
        .enabled(
            if: ChildProcess.storage.role == "crash-writer",
            "runs only as the child process CrashTests starts and kills"))
    func crashWriterChild() async throws {
        let source = try Database.open(path: ChildProcess.storage.argument("SOURCE"), migrations: CrashTests.schema)
        let destination = try Database.open(
            path: ChildProcess.storage.argument("DESTINATION"), migrations: CrashTests.consumerSchema)
        let acknowledgements = open(ChildProcess.storage.argument("ACKS"), O_WRONLY | O_APPEND | O_CREAT, 0o644)
        let round = Int64(ChildProcess.storage.argument("ROUND"))!
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<8 as Range<Int64> {
                group.addTask {
                    for index in Int64(0)... {
                        let id = round * 10_000_000 + worker * 1_000_000 + index
                        try await source.write { tx in
                            for part in 0..<CrashTests.partsPerRequest {
                                try tx.execute("INSERT INTO parts (request_id, part) VALUES (?, ?)", id, part)
                            }
                            try tx.appendEvent(kind: "request", payload: Array("\(id)".utf8))
                        }
                        // Only now is the write acknowledged, as a server would send its response.
                        let line = Array("\(id)\n".utf8)
                        _ = line.withUnsafeBytes { write(acknowledgements, $0.baseAddress, $0.count) }
                    }
                }
            }
            group.addTask {
                let consumer = FeedConsumer(name: "crash", source: source, destination: destination, batchSize: 50)
                try await consumer.run { tx, event in
                    try tx.execute(
                        "INSERT INTO applied (seq, request_id) VALUES (?, ?)", event.seq,
                        Int64(String(decoding: event.payload, as: UTF8.self))!)
                }
            }
            try await group.waitForAll()
        }
    }

    @Test(
        .enabled(
            if: ChildProcess.storage.role == "lock-holder",
            "runs only as the child process that holds the lock in the locked-file test"))
    func lockHolderChild() async throws {
        let database = try Database.open(path: ChildProcess.storage.argument("PATH"))
        let ready = ChildProcess.storage.argument("READY")
        try await database.write { _ in
            _ = FileManager.default.createFile(atPath: ready, contents: nil)
            while true { sleep(1) }
        }
    }
}
