/// A snapshot of how far a ``FeedFollower`` has come and how far it has to go.
public struct FeedFollowerStatus: Sendable {
    public var state: FeedFollowerState = .connecting(attempt: 1)
    /// The last sequence applied and durable in the follower's database (its cursor).
    public var appliedSequence: Int64 = 0
    /// The newest sequence received on the current (or last) watch; past `appliedSequence` while
    /// events wait for their write.
    public var receivedSequence: Int64 = 0
    /// The newest upstream sequence known: the last head read, or a newer event received since.
    /// Nil until the upstream has answered once; kept while it is unreachable.
    public var upstreamHead: Int64?
    /// The last error from the upstream, the database or an apply; kept after recovery.
    public var lastError: (any Error)?

    public init() {}

    /// Events the upstream has that are not applied here yet; nil while the head is unknown.
    public var lag: Int64? {
        upstreamHead.map { max(0, $0 - appliedSequence) }
    }

    /// Whether the watch is open.
    public var isConnected: Bool {
        if case .connected = state { return true }
        return false
    }
}
