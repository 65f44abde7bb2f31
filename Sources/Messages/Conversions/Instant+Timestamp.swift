public import SharedDomain

extension Instant {
    /// Nil for a missing Timestamp or one outside the protobuf Timestamp range.
    public init?(_ timestamp: Google.Protobuf.Timestamp?) {
        guard let timestamp else { return nil }
        self.init(validatingSeconds: timestamp.seconds, nanos: timestamp.nanos)
    }

    public var timestamp: Google.Protobuf.Timestamp {
        var timestamp = Google.Protobuf.Timestamp()
        timestamp.seconds = seconds
        timestamp.nanos = nanos
        return timestamp
    }
}
