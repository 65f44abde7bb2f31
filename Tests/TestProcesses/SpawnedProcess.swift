import Synchronization

#if canImport(Glibc)
    public import Glibc
#endif

/// A child process started with `posix_spawn`, for the tests that need one.
///
/// Not Foundation's `Process`: on Linux its `run()` reads `/proc/self/fd` to find the highest
/// descriptor and copies each directory entry's whole 256-byte name field. An entry at the end of
/// glibc's buffer, before an unmapped page, then crashes the test binary (swift-corelibs-
/// foundation PR 5472, fixed after the 6.3 toolchain). Several `make test` runs crashed there,
/// and serializing the launches did not help. `Process` also spawns from a dispatch thread that
/// blocks nearly every signal, which the child would inherit; here the child starts with an empty
/// signal mask and default handlers, so SIGTERM reaches it.
public final class SpawnedProcess: Sendable {
    public let pid: pid_t
    /// The raw wait status once reaped.
    private let status = Mutex<Int32?>(nil)

    /// Starts `path` with `arguments`. Standard output and error go to the file `output` (a file,
    /// not a pipe: a pipe nobody drains blocks the child once full); standard input comes from
    /// the file `input`, or is empty.
    /// - Parameter environment: the child's whole environment; this process's when nil.
    public init(
        _ path: String, _ arguments: [String], environment: [String: String]? = nil, input: String? = nil,
        output: String
    ) throws(SpawnFailure) {
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
        posix_spawn_file_actions_addopen(&actions, 0, input ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        let envp = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { for entry in envp ?? [] { free(entry) } }
        var pid: pid_t = 0
        let result =
            if let envp {
                posix_spawn(&pid, path, &actions, &attributes, argv, envp)
            } else {
                posix_spawn(&pid, path, &actions, &attributes, argv, environ)
            }
        guard result == 0 else { throw SpawnFailure(path: path, code: result) }
        self.pid = pid
    }

    /// Whether the child is still running; reaps it once it has ended.
    public var isRunning: Bool { reap(blocking: false) == nil }

    /// Blocks until the child has ended (a short wait: use ``exit()`` for one that runs on).
    public func waitUntilExit() { _ = reap(blocking: true) }

    /// Waits for the child to end without blocking a thread: the test process's concurrency pool
    /// has one thread per core, and a test blocked for the seconds a child runs stalls every
    /// other test's tasks with it.
    public func exit() async {
        while isRunning { try? await Task.sleep(for: .milliseconds(10)) }
    }

    /// The exit code, or 128 + the signal that ended it (as a shell reports it). Call once ended.
    public var terminationStatus: Int32 {
        guard let status = status.withLock({ $0 }) else { preconditionFailure("the child has not ended") }
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// SIGKILLs the child and reaps it.
    public func kill() {
        if isRunning { Glibc.kill(pid, SIGKILL) }
        waitUntilExit()
    }

    private func reap(blocking: Bool) -> Int32? {
        status.withLock { status in
            if let status { return status }
            var raw: Int32 = 0
            let result = waitpid(pid, &raw, blocking ? 0 : WNOHANG)
            if result == pid { status = raw }
            return status
        }
    }

    deinit {
        // A test that failed early leaves no process behind.
        kill()
    }
}

public struct SpawnFailure: Error, CustomStringConvertible {
    public let path: String
    public let code: Int32
    public var description: String { "posix_spawn \(path) failed: \(String(cString: strerror(code)))" }
}
