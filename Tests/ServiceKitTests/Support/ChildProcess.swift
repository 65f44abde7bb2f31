import Foundation

/// Runs one test of this very test binary in a child process, so a test can SIGKILL a follower
/// mid-write. The binary is re-executed rather than forked: the test process is multi-threaded,
/// and a forked child touching the Swift runtime or malloc can deadlock on a lock held at fork
/// time. The child is a test skipped unless `SJ_SERVICEKIT_CHILD` names its role.
enum ChildProcess {
    static let roleVariable = "SJ_SERVICEKIT_CHILD"

    /// The role this process was started for, if it is a child.
    static var role: String? { ProcessInfo.processInfo.environment[roleVariable] }

    static func argument(_ name: String) -> String {
        ProcessInfo.processInfo.environment["\(roleVariable)_\(name)"] ?? ""
    }

    /// Starts the test named `test` in a child; its output goes to `log`.
    static func start(role: String, test: String, arguments: [String: String], log: String) throws -> Process {
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
        try process.run()
        return process
    }

    static func kill(_ process: Process) {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
