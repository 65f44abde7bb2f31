/// The city's time zone: what turns an instant into the calendar day a case or a quarter counts
/// under. China's zones have kept one offset all year since 1991, so a zone is a name and a fixed
/// offset; no tz database is needed, and a date never depends on the machine's own zone.
public struct CityTimeZone: Hashable, Sendable, CustomStringConvertible {
    /// An IANA name ("Asia/Shanghai") or "UTC+08:00".
    public let identifier: String
    public let utcOffsetSeconds: Int64

    /// The default: every city in mainland China keeps Beijing time.
    public static let shanghai = CityTimeZone(identifier: "Asia/Shanghai", utcOffsetSeconds: 8 * 3600)
    public static let utc = CityTimeZone(identifier: "UTC", utcOffsetSeconds: 0)

    public init(identifier: String, utcOffsetSeconds: Int64) {
        self.identifier = identifier
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// The zones with a fixed offset that a configuration may name.
    static let named: [String: Int64] = [
        "Asia/Shanghai": 8 * 3600, "Asia/Chongqing": 8 * 3600, "Asia/Harbin": 8 * 3600, "Asia/Hong_Kong": 8 * 3600,
        "Asia/Macau": 8 * 3600, "Asia/Taipei": 8 * 3600, "Asia/Urumqi": 6 * 3600, "UTC": 0, "Etc/UTC": 0,
    ]

    /// A zone from configuration: one of the fixed-offset IANA names above, or "UTC+hh:mm" /
    /// "UTC-hh:mm". Nil for anything else, so a typo is reported rather than read as UTC.
    public init?(identifier: String) {
        if let offset = Self.named[identifier] {
            self.init(identifier: identifier, utcOffsetSeconds: offset)
            return
        }
        let bytes = Array(identifier.utf8)
        guard bytes.count == 9, identifier.hasPrefix("UTC"),
            bytes[3] == UInt8(ascii: "+") || bytes[3] == UInt8(ascii: "-"),
            bytes[6] == UInt8(ascii: ":"), let hours = Int64(String(decoding: bytes[4..<6], as: UTF8.self)),
            let minutes = Int64(String(decoding: bytes[7..<9], as: UTF8.self)), hours <= 14, minutes < 60
        else { return nil }
        let offset = (hours * 3600 + minutes * 60) * (bytes[3] == UInt8(ascii: "-") ? -1 : 1)
        self.init(identifier: identifier, utcOffsetSeconds: offset)
    }

    /// The calendar day `instant` falls on; nil outside ``CivilDate/validYears``.
    public func date(of instant: Instant) -> CivilDate? {
        CivilDate(daysSinceEpoch: (instant.seconds + utcOffsetSeconds).floorDivided(by: 86_400))
    }

    /// The first instant of `date`.
    public func start(of date: CivilDate) -> Instant {
        Instant(seconds: date.daysSinceEpoch * 86_400 - utcOffsetSeconds)
    }

    /// The first instant after `date`.
    public func end(of date: CivilDate) -> Instant {
        start(of: date).adding(seconds: 86_400)
    }

    public var description: String { identifier }
}
