public import SharedDomain

/// Instants to and from text: RFC 3339 in UTC for JSON, the city's local time for people, and
/// the forms an operator types (`2024-03-05`, `2024-03-05 14:30`, `2024-03-05T14:30:00+08:00`,
/// `now`). Pure integer arithmetic on the proleptic Gregorian calendar, so no output depends on
/// the machine's own time zone.
public enum CivilTime {
    /// "2024-03-05T06:30:00Z", with 3, 6 or 9 fractional digits when there are nanoseconds.
    public static func rfc3339(seconds: Int64, nanos: Int32) -> String {
        let (date, clock) = split(seconds: seconds)
        return date + "T" + clock + fraction(nanos) + "Z"
    }

    /// "3600s", "1.500s", "-0.250s": the proto3 JSON form of a Duration.
    public static func protoDuration(seconds: Int64, nanos: Int32) -> String {
        let negative = seconds < 0 || nanos < 0
        let text = "\(abs(seconds))" + fraction(abs(nanos)) + "s"
        return negative ? "-" + text : text
    }

    /// "2024-03-05 14:30:00" in `zone`, for people; seconds are dropped when zero
    /// ("2024-03-05 14:30").
    public static func local(seconds: Int64, in zone: CityTimeZone) -> String {
        let (date, clock) = split(seconds: seconds + zone.utcOffsetSeconds)
        return date + " " + (clock.hasSuffix(":00") ? String(clock.dropLast(3)) : clock)
    }

    /// "3d 2h", "24h", "6h 30m", "45m": a duration for people. Under two days it is counted in
    /// hours, as the opinion deadlines are (1 h, 6 h, 12 h, 24 h).
    public static func humanDuration(seconds: Int64) -> String {
        if seconds == 0 { return "0s" }
        var rest = abs(seconds)
        var parts: [String] = []
        let units: [(String, Int64)] = [
            ("d", rest >= 2 * 86_400 ? 86_400 : Int64.max), ("h", 3600), ("m", 60), ("s", 1),
        ]
        for (unit, size) in units where rest >= size {
            parts.append("\(rest / size)\(unit)")
            rest %= size
        }
        return (seconds < 0 ? "-" : "") + parts.joined(separator: " ")
    }

    /// Reads "90m", "6h", "1d12h", "2d 3h", "45s" (units d, h, m, s; at least one). Nil otherwise.
    public static func parseDuration(_ text: String) -> Int64? {
        let compact = text.filter { $0 != " " }.lowercased()
        guard !compact.isEmpty else { return nil }
        var total: Int64 = 0
        var digits = ""
        var sawUnit = false
        for character in compact {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            let size: Int64
            switch character {
            case "d": size = 86_400
            case "h": size = 3600
            case "m": size = 60
            case "s": size = 1
            default: return nil
            }
            guard let count = Int64(digits) else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow else { return nil }
            total += product
            digits = ""
            sawUnit = true
        }
        return digits.isEmpty && sawUnit ? total : nil
    }

    /// An instant from what an operator types. A time without an offset is in `zone`; a date
    /// alone is its first instant. `now` is `now`. Nil for anything else.
    ///
    /// Accepted: `2024-03-05`, `2024-03-05 14:30`, `2024-03-05T14:30:15`, the same with `Z`,
    /// `+08:00` or `-05:00`, and fractional seconds (`14:30:15.250`).
    public static func parseInstant(_ text: String, zone: CityTimeZone, now: Instant) -> Instant? {
        let trimmed = text.trimmingSpaces()
        if trimmed.lowercased() == "now" { return now }
        guard let date = parseDate(String(trimmed.prefix(10))) else { return nil }
        var rest = Substring(trimmed.dropFirst(10))
        let midnight = date.daysSinceEpoch * 86_400
        if rest.isEmpty { return Instant(seconds: midnight - zone.utcOffsetSeconds) }
        guard rest.first == "T" || rest.first == " " else { return nil }
        rest = rest.dropFirst()
        // The offset, if any, ends the text.
        var offset = zone.utcOffsetSeconds
        if rest.hasSuffix("Z") || rest.hasSuffix("z") {
            offset = 0
            rest = rest.dropLast()
        } else if rest.count > 6, let sign = rest.dropLast(5).last, sign == "+" || sign == "-" {
            let zoneText = rest.suffix(5)
            guard zoneText.dropFirst(2).first == ":", let hours = Int64(zoneText.prefix(2)),
                let minutes = Int64(zoneText.suffix(2)), hours <= 14, minutes < 60
            else { return nil }
            offset = (hours * 3600 + minutes * 60) * (sign == "-" ? -1 : 1)
            rest = rest.dropLast(6)
        }
        let clock = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(clock.count), clock[0].count == 2, clock[1].count == 2,
            let hour = Int64(clock[0]), let minute = Int64(clock[1]), hour < 24, minute < 60
        else { return nil }
        var second: Int64 = 0
        var nanos: Int32 = 0
        if clock.count == 3 {
            let parts = clock[2].split(separator: ".", omittingEmptySubsequences: false)
            guard parts[0].count == 2, let whole = Int64(parts[0]), whole < 60, parts.count <= 2 else { return nil }
            second = whole
            if parts.count == 2 {
                let digits = parts[1]
                guard (1...9).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                    let value = Int32(digits + String(repeating: "0", count: 9 - digits.count))
                else { return nil }
                nanos = value
            }
        }
        return Instant(seconds: midnight + hour * 3600 + minute * 60 + second - offset, nanos: nanos)
    }

    /// A calendar date: `2024-03-05`, also `2024/03/05`, `2024-3-5`, `2024/3/5` and `2024年3月5日`
    /// (how spreadsheets in Chinese write dates). Nil for anything else or a day that does not exist.
    public static func parseDate(_ text: String) -> CivilDate? {
        var normalized = text.trimmingSpaces()
        if normalized.hasSuffix("日") {
            normalized = String(normalized.dropLast()).replacingAll("年", with: "-").replacingAll("月", with: "-")
        }
        normalized = normalized.replacingAll("/", with: "-")
        let parts = normalized.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int32(parts[0]), let month = Int32(parts[1]), let day = Int32(parts[2])
        else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    // MARK: Calendar arithmetic

    private static func split(seconds: Int64) -> (date: String, clock: String) {
        let days = seconds.floorDivided(by: 86_400)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = CivilDate.civil(fromDays: days)
        let date = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        let clock = pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        return (date, clock)
    }

    private static func fraction(_ nanos: Int32) -> String {
        guard nanos != 0 else { return "" }
        if nanos % 1_000_000 == 0 { return "." + pad(Int64(nanos / 1_000_000), 3) }
        if nanos % 1000 == 0 { return "." + pad(Int64(nanos / 1000), 6) }
        return "." + pad(Int64(nanos), 9)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(abs(value))
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension StringProtocol {
    /// Without leading and trailing ASCII spaces and tabs.
    func trimmingSpaces() -> String {
        let isSpace = { (character: Character) in character == " " || character == "\t" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }

    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
