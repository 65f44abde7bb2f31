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
///         head: { options in try await intake.getFeedHead(.init(), options: options).sequence },
///         fingerprint: { UpstreamFeed.commitTimeFingerprint($0.committedAt) })
public struct UpstreamFeed<Request: ProtoMessage, Event: ProtoMessage>: Sendable {
    /// Opens the watch for every event after the given sequence, waiting for new ones at the
    /// head (not `stop_at_head`: a stream that ends is treated as the upstream going away).
    public var watch: @Sendable (_ afterSequence: Int64) -> StreamingCall<Request, Event>
    /// The event's position in the feed.
    public var sequence: @Sendable (Event) -> Int64
    /// The newest committed sequence (0 when empty), called with the follower's deadline.
    public var head: @Sendable (CallOptions) async throws -> Int64
    /// What tells this event from another that a different history of the upstream put at the
    /// same sequence: intake's commit time (``commitTimeFingerprint(_:)``), an alert's content
    /// (``contentFingerprint(_:)``, since an assessment rebuilt by replaying intake raises the
    /// same alerts at new times). The follower records it with its cursor and checks it on every
    /// connect, which is how it notices an upstream restored to an older point that has written
    /// past the cursor again. Nil: only an upstream whose head is below the cursor is noticed.
    public var fingerprint: (@Sendable (Event) -> Int64)?

    public init(
        watch: @escaping @Sendable (_ afterSequence: Int64) -> StreamingCall<Request, Event>,
        sequence: @escaping @Sendable (Event) -> Int64,
        head: @escaping @Sendable (CallOptions) async throws -> Int64,
        fingerprint: (@Sendable (Event) -> Int64)? = nil
    ) {
        self.watch = watch
        self.sequence = sequence
        self.head = head
        self.fingerprint = fingerprint
    }

    /// A commit time as one integer (nanoseconds since 1970), for ``fingerprint``. A restored
    /// upstream commits its new events after the restore, so they differ from the lost ones at
    /// the same sequences unless its clock went back.
    public static func commitTimeFingerprint(_ time: Google.Protobuf.Timestamp?) -> Int64 {
        guard let time else { return 0 }
        return time.seconds &* 1_000_000_000 &+ Int64(time.nanos)
    }

    /// A message's encoding hashed (64-bit FNV-1a), for ``fingerprint``: the same for the same
    /// fields (our encoder writes fields in number order, and these messages have no maps).
    public static func contentFingerprint(_ message: some ProtoMessage) -> Int64 {
        let bytes = (try? message.serializedBytes()) ?? []
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }
}
