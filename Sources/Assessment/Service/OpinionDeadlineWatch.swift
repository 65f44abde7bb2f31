internal import SharedDomain
internal import Storage
internal import Synchronization

/// The timer half of watching opinion deadlines: it knows the earliest pending due time and lets
/// the judging timer sleep until just past it instead of a whole tick, so a missed deadline is
/// alerted the moment it passes. Every write that can move that time (a projected change, a
/// judging) re-arms it from what the write itself sees; the value is only a wake-up hint, since
/// judging reads the database: waking early judges nothing, and a write that rolls back is
/// retried or followed by a restart, which starts unarmed and learns the time at the first tick.
final class OpinionDeadlineWatch: Sendable {
    private struct State {
        var earliest: Instant?
        var known = false
        /// Set by a re-arm, so one that lands while the sleeper is being started still wakes it.
        var woken = false
        var sleeper: Task<Void, Never>?
    }

    private let state = Mutex(State())

    init() {}

    /// The instant the timer waits for: the earliest pending due time; nil while nothing is
    /// pending or before the first judging after a start.
    var armedFor: Instant? { state.withLock { $0.earliest } }

    /// Reads the earliest pending due time in `tx` and wakes the sleeper if it moved.
    func rearm(_ tx: WriteTransaction) throws {
        let earliest = try tx.fetchValue(
            Int64.self, "SELECT due_at FROM opinion_deadlines WHERE status = 1 ORDER BY due_at LIMIT 1"
        ).map(Instant.init(nanosecondsSinceEpoch:))
        state.withLock { state in
            guard !state.known || state.earliest != earliest else { return }
            state.earliest = earliest
            state.known = true
            state.woken = true
            state.sleeper?.cancel()
        }
    }

    /// Sleeps for `limit`, or until the first instant past the earliest pending due time if that
    /// comes sooner, or until re-armed. A due time already passed waits the whole `limit`: it is
    /// judged once assessment is caught up, which the caller's tick checks.
    func sleep(atMost limit: Duration, now: Instant) async throws {
        let wait = state.withLock { state in
            state.woken = false
            return Self.wait(until: state.earliest, now: now, atMost: limit)
        }
        let sleeper = Task { _ = try? await Task.sleep(for: wait) }
        state.withLock { state in
            state.sleeper = sleeper
            if state.woken { sleeper.cancel() }
        }
        await withTaskCancellationHandler {
            await sleeper.value
        } onCancel: {
            sleeper.cancel()
        }
        state.withLock { state in
            if state.sleeper == sleeper { state.sleeper = nil }
        }
        try Task.checkCancellation()
    }

    /// How long to sleep at `now`: until 1 ns past `due` (a deadline due exactly now is still
    /// pending), capped at `limit`; the whole `limit` when nothing is due later.
    static func wait(until due: Instant?, now: Instant, atMost limit: Duration) -> Duration {
        guard let due, due > now else { return limit }
        let left = Duration.seconds(due.seconds - now.seconds) + .nanoseconds(Int64(due.nanos) - Int64(now.nanos) + 1)
        return min(left, limit)
    }
}
