/// Where a ``FeedFollower`` is in its life; observers see each change as it happens.
public enum FeedFollowerState: Sendable {
    /// Reading its cursor and the upstream's head, then opening the watch. `attempt` is 1 after
    /// a success or at start, and counts the failures in a row since.
    case connecting(attempt: Int)
    /// The watch is open; events are applied as they arrive.
    case connected
    /// The upstream went away, or applying failed. Events already received are still applied,
    /// then the follower waits `delay` and connects again as attempt `attempt`.
    case reconnecting(after: any Error, attempt: Int, delay: Duration)
    /// `run()` has returned (stopped, cancelled, or its database closed). Final.
    case stopped
}
