import Foundation
import TestProcesses

#if canImport(Glibc)
    import Glibc
#endif

/// The real `shuangjiang-server` binary as a child process, on loopback, with a data directory.
///
/// Started as a ``SpawnedProcess`` (posix_spawn, an empty signal mask) so that SIGTERM reaches it.
final class ServerProcess {
    private let process: SpawnedProcess
    let port: Int
    let log: String

    var pid: pid_t { process.pid }

    /// The binary next to this test executable (`swift build` puts every product in one
    /// directory), or in `SJ_BIN_DIR`.
    static var binary: String {
        if let directory = ProcessInfo.processInfo.environment["SJ_BIN_DIR"] {
            return directory + "/shuangjiang-server"
        }
        return URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("shuangjiang-server").path
    }

    /// Starts the server and waits for its first line, which names the port it bound.
    init(port: Int, dataDirectory: String, log: String) async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw TimedOut(description: "\(Self.binary) is missing: run `swift build` before `swift test`")
        }
        // Killed (by its deinit) if it never prints its port.
        let process = try SpawnedProcess(
            Self.binary, ["--host", "127.0.0.1", "--port", "\(port)", "--data-dir", dataDirectory], output: log)
        var bound: Int?
        try await eventually("the server to print its port", within: .seconds(15)) {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            let prefix = "shuangjiang-server listening on "
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) {
                bound = line.split(separator: ":").last.flatMap { Int($0) }
            }
            if bound == nil && !process.isRunning { throw TimedOut(description: "the server exited: \(text)") }
            return bound != nil
        }
        self.process = process
        self.log = log
        self.port = bound!
    }

    /// SIGKILL: no shutdown, no flush, no close.
    func kill() async {
        guard process.isRunning else { return }
        Glibc.kill(process.pid, SIGKILL)
        await process.exit()
    }

    /// SIGTERM, then waits for a graceful exit (SIGKILL after 15 s).
    /// - Returns: the exit status, or nil if it had to be killed or ended by a signal.
    func terminate() async -> Int32? {
        guard process.isRunning else { return nil }
        Glibc.kill(process.pid, SIGTERM)
        let deadline = ContinuousClock.now + .seconds(15)
        // Polled with Task.sleep rather than a blocking wait: a blocked pool thread stalls other tests.
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                await kill()
                return nil
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
        let status = process.terminationStatus
        return status < 128 ? status : nil
    }
}
