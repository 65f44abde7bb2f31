/// The `grpc-timeout` header: 1–8 ASCII digits followed by a unit (`H M S m u n`).
public enum GRPCTimeout {
    /// The largest value the header can carry.
    static let maximumValue: Int64 = 99_999_999

    private static let units: [(symbol: UInt8, nanoseconds: Int64)] = [
        (UInt8(ascii: "n"), 1),
        (UInt8(ascii: "u"), 1_000),
        (UInt8(ascii: "m"), 1_000_000),
        (UInt8(ascii: "S"), 1_000_000_000),
        (UInt8(ascii: "M"), 60_000_000_000),
        (UInt8(ascii: "H"), 3_600_000_000_000),
    ]

    /// `nil` for anything but 1–8 digits and a unit: no sign, no spaces, no ninth digit.
    /// Zero is accepted (a deadline that has already passed), as grpc-go and grpc core do.
    public static func parse(_ value: String) -> Duration? {
        let bytes = value.utf8
        guard (2...9).contains(bytes.count), let unit = bytes.last else { return nil }
        var amount: Int64 = 0
        for byte in bytes.dropLast() {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            amount = amount * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        switch unit {
        case UInt8(ascii: "H"): return .seconds(amount * 3600)
        case UInt8(ascii: "M"): return .seconds(amount * 60)
        case UInt8(ascii: "S"): return .seconds(amount)
        case UInt8(ascii: "m"): return .milliseconds(amount)
        case UInt8(ascii: "u"): return .microseconds(amount)
        case UInt8(ascii: "n"): return .nanoseconds(amount)
        default: return nil
        }
    }

    /// The shortest header value for `duration`: the shortest exact form if one fits in 8 digits,
    /// otherwise the finest unit that fits, rounded up so the peer never sees a shorter deadline
    /// than ours. Durations of zero or less become `0n`; beyond 99999999 hours, `99999999H`.
    public static func encode(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        guard seconds > 0 || (seconds == 0 && attoseconds > 0) else { return "0n" }
        // Int128 because a Duration's nanosecond count can exceed Int64.
        let nanoseconds =
            Int128(seconds) * 1_000_000_000 + Int128(attoseconds / 1_000_000_000)
            + (attoseconds % 1_000_000_000 > 0 ? 1 : 0)

        // Coarser units give fewer digits, so the first exact fit from the top is the shortest.
        for unit in units.reversed() {
            let size = Int128(unit.nanoseconds)
            if nanoseconds % size == 0, nanoseconds / size <= Int128(maximumValue) {
                return format(nanoseconds / size, unit.symbol)
            }
        }
        for unit in units {
            let size = Int128(unit.nanoseconds)
            let value = (nanoseconds + size - 1) / size
            if value <= Int128(maximumValue) {
                return format(value, unit.symbol)
            }
        }
        return format(Int128(maximumValue), UInt8(ascii: "H"))
    }

    private static func format(_ value: Int128, _ symbol: UInt8) -> String {
        String(value) + String(UnicodeScalar(symbol))
    }
}
