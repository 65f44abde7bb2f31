public import SharedDomain

extension Instant {
    /// Nanoseconds since 1970: how opinion instants are stored, so deadlines compare to the
    /// nanosecond as intake's do, and order in one indexed column. Int64 holds 1678-2262, which
    /// covers every date a period can name (1949-2199).
    public var nanosecondsSinceEpoch: Int64 { seconds * 1_000_000_000 + Int64(nanos) }

    public init(nanosecondsSinceEpoch value: Int64) {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: 1_000_000_000)
        if remainder < 0 {
            self.init(seconds: quotient - 1, nanos: Int32(remainder + 1_000_000_000))
        } else {
            self.init(seconds: quotient, nanos: Int32(remainder))
        }
    }

    /// The range nanosecondsSinceEpoch holds without overflow.
    public static let storableSeconds: ClosedRange<Int64> = -9_223_372_035...9_223_372_035
}
