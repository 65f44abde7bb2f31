import Synchronization

/// Wakes tasks waiting for something to advance (a follower's applied sequence), without their
/// polling it.
///
/// A waiter reads ``generation`` before it checks the condition, then waits with that value:
/// a signal that came in between makes the wait return at once, so none is missed. A wait
/// also ends at its time limit or when its task is cancelled; the caller checks the condition
/// again either way.
///
///     let seen = signal.generation
///     if follower.status.appliedSequence >= wanted { return }
///     await signal.wait(after: seen, atMost: .milliseconds(50))
public final class ProgressSignal: Sendable {
    private struct State {
        var generation: UInt64 = 0
        var nextID: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// Advances with each ``signal()``.
    public var generation: UInt64 { state.withLock { $0.generation } }

    /// Something advanced: every waiter wakes.
    public func signal() {
        let waiters = state.withLock { state in
            state.generation &+= 1
            defer { state.waiters = [:] }
            return state.waiters
        }
        for waiter in waiters.values { waiter.resume() }
    }

    /// Returns once a signal has come after `generation` (at once if one already has), after
    /// `limit`, or when the task is cancelled.
    public func wait(after generation: UInt64, atMost limit: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.next(after: generation) }
            group.addTask { try? await Task.sleep(for: limit) }
            await group.next()
            group.cancelAll()
        }
    }

    private func next(after generation: UInt64) async {
        let id = state.withLock { state -> UInt64 in
            state.nextID &+= 1
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    // Cancellation sets the flag before its handler runs, so a handler that ran
                    // before this registration is seen here and nothing is left waiting.
                    if state.generation != generation || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
