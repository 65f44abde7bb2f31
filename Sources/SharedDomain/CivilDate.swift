/// A valid calendar date in the city's time zone: what a filing date or a conclusion date is.
public struct CivilDate: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// The date as yyyymmdd, which sorts like the date: the form stored in indexed columns.
    ///
    /// The only stored property: dates fill the rows a follower keeps in memory (a case has seven
    /// of them), and four bytes rather than twelve make those rows a third smaller to copy, and
    /// comparing or hashing a date one integer.
    public let key: Int32

    public var year: Int32 { key / 10000 }
    public var month: Int32 { key / 100 % 100 }
    public var day: Int32 { key % 100 }

    /// The years a date may name (common.v1.Date): from the People's Republic to well past any
    /// case filed today.
    public static let validYears: ClosedRange<Int32> = 1949...2199

    public init?(year: Int32, month: Int32, day: Int32) {
        guard Self.validYears.contains(year), (1...12).contains(month),
            (1...Self.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        self.key = year * 10000 + month * 100 + day
    }

    public init?(key: Int32) {
        self.init(year: key / 10000, month: key / 100 % 100, day: key % 100)
    }

    public static func daysInMonth(year: Int32, month: Int32) -> Int32 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (negative before it).
    public var daysSinceEpoch: Int64 {
        let (year, monthAndDay) = key.quotientAndRemainder(dividingBy: 10000)
        return Self.days(year: Int64(year), month: Int64(monthAndDay / 100), day: Int64(monthAndDay % 100))
    }

    /// The date `days` after 1970-01-01; nil outside ``validYears``.
    public init?(daysSinceEpoch days: Int64) {
        let (year, month, day) = Self.civil(fromDays: days)
        self.init(year: Int32(clamping: year), month: Int32(month), day: Int32(day))
    }

    /// The date `count` days later (earlier when negative); nil outside ``validYears``.
    public func adding(days count: Int64) -> CivilDate? {
        CivilDate(daysSinceEpoch: daysSinceEpoch + count)
    }

    /// The same day a year earlier; 29 February becomes 28 February.
    public var yearEarlier: CivilDate? {
        CivilDate(year: year - 1, month: month, day: min(day, Self.daysInMonth(year: year - 1, month: month)))
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool { lhs.key < rhs.key }

    public var description: String {
        let pad = { (value: Int32) in value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    // Howard Hinnant's days-from-civil algorithms: exact for the proleptic Gregorian calendar.
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = y.floorDivided(by: 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Year, month and day of the day `days` after 1970-01-01, for any day count (not only
    /// ``validYears``: a protobuf Timestamp spans years 1 to 9999).
    public static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = z.floorDivided(by: 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Int64 {
    /// Division rounding toward minus infinity: days and seconds before 1970 fall in the right day.
    public func floorDivided(by divisor: Int64) -> Int64 {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? quotient - 1 : quotient
    }
}
