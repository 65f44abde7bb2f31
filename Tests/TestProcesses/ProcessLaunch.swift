public import Foundation

/// Starts child processes one at a time across the whole test binary.
///
/// Every test target is linked into one test process, and Swift Testing runs suites in
/// parallel. swift-corelibs-foundation's `Process.run()` is not safe to call from two threads
/// at once: a full `make test` once crashed inside it (a memmove in the launch path) while
/// storage and service-kit tests both started children. Launching is a few milliseconds, so
/// serializing it costs nothing that matters; the children themselves still run in parallel.
public enum ProcessLaunch {
    private static let lock = NSLock()

    /// `process.run()`, under the binary-wide launch lock.
    public static func run(_ process: Process) throws {
        lock.lock()
        defer { lock.unlock() }
        try process.run()
    }
}
