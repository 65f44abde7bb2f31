/// How a ``FeedFollower`` batches, retries and watches its upstream.
public struct FeedFollowerConfiguration: Sendable {
    /// Most events applied in one write. Events already received are applied together, so a
    /// follower catching up pays one commit per batch instead of one per event.
    public var maxBatchSize = 256
    /// Events received but not yet applied; when full, reading stops and flow control holds the
    /// upstream back.
    public var bufferCapacity = 1024

    /// Wait after the first failure in a row…
    public var initialBackoff: Duration = .milliseconds(200)
    /// …multiplied by this after each further failure…
    public var backoffMultiplier = 2.0
    /// …up to this.
    public var maxBackoff: Duration = .seconds(30)
    /// Each wait is drawn within this fraction either side of its exponential value.
    public var backoffJitter = 0.2

    /// How often the upstream's head is read while connected (it is also read on each connect).
    public var headRefreshInterval: Duration = .seconds(1)
    /// Deadline of each head read; on connect, a late answer counts as a failed attempt.
    public var headTimeout: Duration = .seconds(5)

    /// Treat a jump in sequence numbers as an error rather than applying past it. Every feed in
    /// the project is gapless, so a gap means the upstream lost history.
    public var requiresContiguousSequences = true

    public init() {}

    var backoff: Backoff {
        Backoff(initial: initialBackoff, maximum: maxBackoff, multiplier: backoffMultiplier, jitter: backoffJitter)
    }
}
