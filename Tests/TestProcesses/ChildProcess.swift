import Foundation

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
    public func start(role: String, test: String, arguments: [String: String], log: String) throws
        -> SpawnedProcess
    {
        var environment = ProcessInfo.processInfo.environment
        environment[roleVariable] = role
        for (name, value) in arguments { environment["\(roleVariable)_\(name)"] = value }
        return try SpawnedProcess(
            URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path,
            ["--testing-library", "swift-testing", "--filter", test], environment: environment, output: log)
    }
}
