/// How far assessment has followed intake's feed, for answers and for waiting on a client's write.
public struct FeedProgress: Sendable {
    /// The last intake sequence applied (durable).
    public var applied: Int64
    /// Intake's newest sequence as last seen; nil while never reached.
    public var upstreamHead: Int64?
    /// Whether the follower is connected to intake now.
    public var connected: Bool

    public init(applied: Int64, upstreamHead: Int64?, connected: Bool) {
        self.applied = applied
        self.upstreamHead = upstreamHead
        self.connected = connected
    }
}
