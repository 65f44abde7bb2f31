import Foundation

/// Runs one test of this very test binary in a child process, so a test can SIGKILL a real
/// writer or hold a lock from another process.
///
/// Why not `fork()`: the test process is multi-threaded (Swift Testing runs tests in parallel
/// on the concurrency pool), and a forked child that touches the Swift runtime or malloc can
/// deadlock on a lock another thread held at fork time. A re-executed binary starts clean. No
/// extra Package target is needed: the child is a test that is skipped unless the environment
/// asks for it (`SJ_STORAGE_CHILD`), selected with Swift Testing's `--filter`.
enum ChildProcess {
    static let roleVariable = "SJ_STORAGE_CHILD"

    /// The role this process was started for, if it is a child.
    static var role: String? { ProcessInfo.processInfo.environment[roleVariable] }

    static func argument(_ name: String) -> String {
        ProcessInfo.processInfo.environment["SJ_STORAGE_CHILD_\(name)"] ?? ""
    }

    /// Starts the test named `test` in a child; its output goes to `log`.
    static func start(role: String, test: String, arguments: [String: String], log: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["--testing-library", "swift-testing", "--filter", test]
        var environment = ProcessInfo.processInfo.environment
        environment[roleVariable] = role
        for (name, value) in arguments { environment["SJ_STORAGE_CHILD_\(name)"] = value }
        process.environment = environment
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = output
        process.standardError = output
        try process.run()
        return process
    }

    static func kill(_ process: Process) {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
