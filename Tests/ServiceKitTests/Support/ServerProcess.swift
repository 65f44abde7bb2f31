import Foundation

/// The real `shuangjiang-server` binary as a child process, on loopback, with a data directory.
final class ServerProcess {
    let process: Process
    let port: Int
    let log: String

    /// The binary next to this test executable (`swift build` puts every product in one
    /// directory), or in `SJ_BIN_DIR`.
    static var binary: String {
        if let directory = ProcessInfo.processInfo.environment["SJ_BIN_DIR"] { return directory + "/shuangjiang-server" }
        return URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("shuangjiang-server").path
    }

    /// Starts the server and waits for its first line, which names the port it bound.
    init(port: Int, dataDirectory: String, log: String) async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw TimedOut(description: "\(Self.binary) is missing: run `swift build` before `swift test`")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["--host", "127.0.0.1", "--port", "\(port)", "--data-dir", dataDirectory]
        // A file, not a pipe: a pipe nobody drains would block the server once full.
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = output
        process.standardError = output
        try process.run()
        self.process = process
        self.log = log
        var bound: Int?
        try await eventually("the server to print its port", within: .seconds(15)) {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("shuangjiang-server listening on ") }) {
                bound = line.split(separator: ":").last.flatMap { Int($0) }
            }
            if bound == nil && !process.isRunning { throw TimedOut(description: "the server exited: \(text)") }
            return bound != nil
        }
        self.port = bound!
    }

    /// SIGKILL: no shutdown, no flush, no close.
    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM and wait; the server drains its calls and closes its database.
    func terminate() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
