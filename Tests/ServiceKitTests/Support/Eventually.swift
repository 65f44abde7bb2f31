import Testing

/// Thrown when a condition was still false at its deadline.
struct TimedOut: Error, CustomStringConvertible {
    let description: String
}

/// Waits until `condition` holds, checking every few milliseconds, and fails at the deadline so
/// a test never hangs.
func eventually(
    _ what: @autoclosure () -> String, within timeout: Duration = .seconds(10),
    _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw TimedOut(description: "timed out waiting for \(what())") }
        try await Task.sleep(for: .milliseconds(10))
    }
}
