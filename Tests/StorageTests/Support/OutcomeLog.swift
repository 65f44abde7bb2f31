import Foundation

/// Outcomes of callback-style writes, keyed by a label.
final class OutcomeLog: @unchecked Sendable {
    private let lock = NSLock()
    private var successes: [String] = []
    private var errors: [String: any Error] = [:]

    func record<T>(_ label: String, _ result: Result<T, any Error>) {
        lock.withLock {
            switch result {
            case .success: successes.append(label)
            case .failure(let error): errors[label] = error
            }
        }
    }

    var succeeded: [String] { lock.withLock { successes.sorted() } }
    var failures: [String: any Error] { lock.withLock { errors } }

    func waitFor(count: Int) async throws {
        while lock.withLock({ successes.count + errors.count }) < count {
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}
