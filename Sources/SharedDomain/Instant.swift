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
    public static let validSeconds: ClosedRange<Int64> = -62_135_596_800...253_402_300_799

    /// Nil outside the range a protobuf Timestamp may hold.
    public init?(validatingSeconds seconds: Int64, nanos: Int32) {
        guard Self.validSeconds.contains(seconds), (0..<1_000_000_000).contains(nanos) else { return nil }
        self.init(seconds: seconds, nanos: nanos)
    }

    public init(milliseconds: Int64) {
        let (quotient, remainder) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        if remainder < 0 {
            self.init(seconds: quotient - 1, nanos: Int32(remainder + 1000) * 1_000_000)
        } else {
            self.init(seconds: quotient, nanos: Int32(remainder) * 1_000_000)
        }
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
