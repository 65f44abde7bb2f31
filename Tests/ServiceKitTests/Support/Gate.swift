import Foundation
import Synchronization

/// Holds a storage thread inside a write until the test opens it, to freeze a follower mid-apply.
final class Gate: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let state = Mutex((open: false, waiting: false))

    /// Blocks the calling thread until `open()`; returns at once once it is open.
    func pass() {
        let mustWait = state.withLock { state in
            if !state.open { state.waiting = true }
            return !state.open
        }
        if mustWait { semaphore.wait() }
    }

    /// Whether a thread is (or was) held here.
    var hasHeld: Bool { state.withLock { $0.waiting } }

    func open() {
        let wasWaiting = state.withLock { state in
            state.open = true
            return state.waiting
        }
        if wasWaiting { semaphore.signal() }
    }
}
