public import SharedDomain
internal import Synchronization

/// How writes tell the supervision timer to look again: a write that opens, reschedules or closes
/// a supervised case wakes it, so it re-arms for the new earliest instant instead of sleeping
/// through it. A write that cannot wake it after its commit (the alert follower's, which runs
/// inside the follower's transaction) passes the instant it will make due as a hint, which the
/// timer keeps until the database shows it.
public final class SupervisionAlarm: Sendable {
    private struct State {
        var woken = false
        var waiter: CheckedContinuation<Void, Never>?
        var hint: Instant?
    }

    private let state = Mutex(State())

    public init() {}

    /// Wakes the timer; `instant`, if given, is due once a write in progress commits.
    public func wake(at instant: Instant? = nil) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let instant { state.hint = min(state.hint ?? instant, instant) }
            guard let waiter = state.waiter else {
                state.woken = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// The earliest hint given since the last call, cleared.
    func takeHint() -> Instant? {
        state.withLock { state in
            defer { state.hint = nil }
            return state.hint
        }
    }

    /// Returns after `duration`, or sooner when woken (or at once if woken since the last wait),
    /// or when the task is cancelled.
    func wait(for duration: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: duration) }
            group.addTask { await self.woken() }
            await group.next()
            group.cancelAll()
        }
    }

    private func woken() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { state -> Bool in
                    // Checked under the lock the cancellation handler takes, so one of the two
                    // always resumes the continuation.
                    if Task.isCancelled { return true }
                    if state.woken {
                        state.woken = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}
