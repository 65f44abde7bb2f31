import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The real `shuangjiang-server` binary as a child process, on loopback, with a data directory.
///
/// Started with posix_spawn and an empty signal mask rather than Foundation's Process: Process
/// spawns from a dispatch thread, which blocks nearly every signal, and the child would inherit
/// that mask and never see SIGTERM.
final class ServerProcess {
    let pid: pid_t
    let port: Int
    let log: String
    private var exited = false

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
        pid = try Self.spawn(
            Self.binary, ["--host", "127.0.0.1", "--port", "\(port)", "--data-dir", dataDirectory], output: log)
        self.log = log
        var bound: Int?
        let pid = pid
        do {
            try await eventually("the server to print its port", within: .seconds(15)) {
                let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                let prefix = "shuangjiang-server listening on "
                if let line = text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) {
                    bound = line.split(separator: ":").last.flatMap { Int($0) }
                }
                var status: Int32 = 0
                if bound == nil && waitpid(pid, &status, WNOHANG) == pid {
                    throw TimedOut(description: "the server exited: \(text)")
                }
                return bound != nil
            }
        } catch {
            Glibc.kill(pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
            throw error
        }
        self.port = bound!
    }

    deinit {
        // A SIGKILLed process is gone at once, so the blocking wait here is short.
        guard !exited else { return }
        Glibc.kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    /// SIGKILL: no shutdown, no flush, no close.
    func kill() async {
        guard !exited else { return }
        Glibc.kill(pid, SIGKILL)
        _ = await reap(within: .seconds(10))
    }

    /// SIGTERM, then waits for a graceful exit (SIGKILL after 15 s).
    /// - Returns: the exit status, or nil if it had to be killed.
    func terminate() async -> Int32? {
        guard !exited else { return nil }
        Glibc.kill(pid, SIGTERM)
        if let status = await reap(within: .seconds(15)) { return status }
        await kill()
        return nil
    }

    /// The exit status once the process has ended, nil if it exited by a signal or is still running at the deadline.
    /// Polls with Task.sleep rather than usleep: a blocked pool thread stalls other tests.
    private func reap(within timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            guard ContinuousClock.now < deadline else { return nil }
            try? await Task.sleep(for: .milliseconds(5))
        }
        exited = true
        return status & 0x7f == 0 ? (status >> 8) & 0xff : nil
    }

    private static func spawn(_ path: String, _ arguments: [String], output: String) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // A file, not a pipe: a pipe nobody drains would block the server once full.
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard result == 0 else { throw TimedOut(description: "posix_spawn \(path) failed: \(result)") }
        return pid
    }
}
