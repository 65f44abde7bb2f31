internal import SharedDomain

/// RFC 3339 in UTC with milliseconds ("2024-06-15T04:00:00.123Z"), built without Foundation.
enum LogTimestamp {
    static func format(_ instant: Instant) -> String {
        let (days, seconds) = instant.seconds.quotientAndRemainder(dividingBy: 86_400)
        let (day, secondOfDay) = seconds < 0 ? (days - 1, seconds + 86_400) : (days, seconds)
        let date = CivilDate(daysSinceEpoch: day).map(\.description) ?? "0000-00-00"
        let pad = { (value: Int64, width: Int) -> String in
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(date)T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))."
            + "\(pad(Int64(instant.nanos / 1_000_000), 3))Z"
    }
}
