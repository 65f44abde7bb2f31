public import Messages

/// A point in wall-clock time, to the nanosecond: the domain's view of a protobuf Timestamp,
/// comparable and with arithmetic, so deadline rules read as plain comparisons.
public struct Instant: Comparable, Hashable, Sendable, CustomStringConvertible {
    public var seconds: Int64
    public var nanos: Int32

    public init(seconds: Int64, nanos: Int32 = 0) {
        self.seconds = seconds
        self.nanos = nanos
    }

    /// Seconds of 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the range a Timestamp may hold.
    static let validSeconds: ClosedRange<Int64> = -62_135_596_800...253_402_300_799

    /// Nil for a missing Timestamp or one outside the protobuf Timestamp range.
    public init?(_ timestamp: Google.Protobuf.Timestamp?) {
        guard let timestamp, Self.validSeconds.contains(timestamp.seconds),
            (0..<1_000_000_000).contains(timestamp.nanos)
        else { return nil }
        self.init(seconds: timestamp.seconds, nanos: timestamp.nanos)
    }

    public init(milliseconds: Int64) {
        let (quotient, remainder) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        if remainder < 0 {
            self.init(seconds: quotient - 1, nanos: Int32(remainder + 1000) * 1_000_000)
        } else {
            self.init(seconds: quotient, nanos: Int32(remainder) * 1_000_000)
        }
    }

    public var timestamp: Google.Protobuf.Timestamp {
        var timestamp = Google.Protobuf.Timestamp()
        timestamp.seconds = seconds
        timestamp.nanos = nanos
        return timestamp
    }

    /// Milliseconds since 1970, rounded down: the resolution of indexed time columns.
    public var milliseconds: Int64 { seconds * 1000 + Int64(nanos / 1_000_000) }

    public func adding(seconds delta: Int64) -> Instant {
        Instant(seconds: seconds + delta, nanos: nanos)
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        (lhs.seconds, lhs.nanos) < (rhs.seconds, rhs.nanos)
    }

    public var description: String { "\(seconds).\(nanos)s" }
}
