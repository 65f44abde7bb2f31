/// One committed change-feed event.
public struct FeedEvent: Sendable, Equatable {
    /// Position in the feed: 1, 2, 3… in commit order, with no gaps.
    public let seq: Int64
    /// What happened, in the producing service's vocabulary.
    public let kind: String
    /// The event itself, typically a serialized protobuf message.
    public let payload: [UInt8]
    /// Milliseconds since 1970 when the writer began the batch that committed it.
    public let committedAt: Int64

    public init(seq: Int64, kind: String, payload: [UInt8], committedAt: Int64) {
        self.seq = seq
        self.kind = kind
        self.payload = payload
        self.committedAt = committedAt
    }
}
