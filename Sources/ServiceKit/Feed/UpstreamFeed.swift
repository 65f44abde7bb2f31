public import GRPC
public import Messages

/// Another service's change feed as a ``FeedFollower`` sees it: how to watch it from a cursor,
/// where an event sits in it, and how far it reaches.
///
/// Every feed in the project has this shape (intake's WatchEvents, assessment's WatchAlerts):
/// a server-streaming RPC taking `after_sequence` and sending events that carry `sequence`,
/// numbered from 1 with no gaps, plus a unary RPC naming the newest sequence. For intake:
///
///     let intake = Shuangjiang.Intake.V1.IntakeService.Client(channel: channel)
///     let feed = UpstreamFeed(
///         watch: { after in
///             var request = Shuangjiang.Intake.V1.WatchEventsRequest()
///             request.afterSequence = after
///             return intake.watchEvents(request)
///         },
///         sequence: { $0.sequence },
///         head: { options in try await intake.getFeedHead(.init(), options: options).sequence })
public struct UpstreamFeed<Request: ProtoMessage, Event: ProtoMessage>: Sendable {
    /// Opens the watch for every event after the given sequence, waiting for new ones at the
    /// head (not `stop_at_head`: a stream that ends is treated as the upstream going away).
    public var watch: @Sendable (_ afterSequence: Int64) -> StreamingCall<Request, Event>
    /// The event's position in the feed.
    public var sequence: @Sendable (Event) -> Int64
    /// The newest committed sequence (0 when empty), called with the follower's deadline.
    public var head: @Sendable (CallOptions) async throws -> Int64

    public init(
        watch: @escaping @Sendable (_ afterSequence: Int64) -> StreamingCall<Request, Event>,
        sequence: @escaping @Sendable (Event) -> Int64,
        head: @escaping @Sendable (CallOptions) async throws -> Int64
    ) {
        self.watch = watch
        self.sequence = sequence
        self.head = head
    }
}
