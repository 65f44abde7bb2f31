public import Foundation

/// Runs one test of this very test binary in a child process, so a test can SIGKILL a real
/// writer or follower mid-write, or hold a lock from another process.
///
/// Why not `fork()`: the test process is multi-threaded (Swift Testing runs tests in parallel
/// on the concurrency pool), and a forked child that touches the Swift runtime or malloc can
/// deadlock on a lock another thread held at fork time. A re-executed binary starts clean. No
/// extra Package target is needed: the child is a test that is skipped unless the environment
/// names its role (`roleVariable`), selected with Swift Testing's `--filter`. Each test target
/// has a role variable of its own, so one target's children never run another's.
public struct ChildProcess: Sendable {
    /// The environment variable naming the child's role; its arguments are `<roleVariable>_<name>`.
    public let roleVariable: String

    public init(roleVariable: String) {
        self.roleVariable = roleVariable
    }

    /// The role this process was started for, if it is a child.
    public var role: String? { ProcessInfo.processInfo.environment[roleVariable] }

    /// An argument the parent passed to this child, or "" if none.
    public func argument(_ name: String) -> String {
        ProcessInfo.processInfo.environment["\(roleVariable)_\(name)"] ?? ""
    }

    /// Starts the test named `test` in a child; its output goes to `log`.
    public func start(role: String, test: String, arguments: [String: String], log: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["--testing-library", "swift-testing", "--filter", test]
        var environment = ProcessInfo.processInfo.environment
        environment[roleVariable] = role
        for (name, value) in arguments { environment["\(roleVariable)_\(name)"] = value }
        process.environment = environment
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = output
        process.standardError = output
        try ProcessLaunch.run(process)
        return process
    }

    /// Waits for the child to exit without blocking a thread: the test process's concurrency
    /// pool has one thread per core, and a test blocked in `waitUntilExit()` for the seconds a
    /// child runs stalls every other test's tasks with it (two such waits on two cores stalled the
    /// whole run for ten seconds).
    public static func exit(of process: Process) async {
        while process.isRunning { try? await Task.sleep(for: .milliseconds(10)) }
        // Reaped by now; this returns at once and makes terminationStatus safe to read.
        process.waitUntilExit()
    }

    /// SIGKILLs the child and waits for it.
    public static func kill(_ process: Process) {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
