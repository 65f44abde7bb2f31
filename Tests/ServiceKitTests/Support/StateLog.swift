import ServiceKit
import Synchronization

/// Every state a follower reported, for tests to look back on.
final class StateLog: Sendable {
    private let states = Mutex<[FeedFollowerState]>([])

    func record(_ state: FeedFollowerState) {
        states.withLock { $0.append(state) }
    }

    var all: [FeedFollowerState] { states.withLock { $0 } }

    /// (attempt, delay) of each reconnection scheduled.
    var reconnections: [(attempt: Int, delay: Duration)] {
        all.compactMap { state in
            if case .reconnecting(_, let attempt, let delay) = state { return (attempt, delay) }
            return nil
        }
    }

    var connections: Int {
        all.count { state in
            if case .connected = state { return true }
            return false
        }
    }
}
