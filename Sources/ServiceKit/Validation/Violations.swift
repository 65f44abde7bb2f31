public import GRPCCore
public import Messages
public import SharedDomain

/// Collects every bad field of a request before anything is written, so the client sees all of
/// them at once (one INVALID_ARGUMENT with a google.rpc.BadRequest).
public struct Violations: Sendable {
    public private(set) var all: [FieldViolation] = []
    /// Prepended to every field path, e.g. "filing." for an import row's filing.
    public let prefix: String

    public init(prefix: String = "") {
        self.prefix = prefix
    }

    public var isEmpty: Bool { all.isEmpty }

    public mutating func add(_ field: String, _ rule: String) {
        all.append(FieldViolation(field: prefix + field, description: rule))
    }

    public mutating func append(contentsOf other: Violations) {
        all += other.all
    }

    /// Throws INVALID_ARGUMENT listing every violation, if there is any.
    public func check() throws(RPCError) {
        if !all.isEmpty { throw RPCError.invalidArgument(all) }
    }

    // MARK: Field rules shared by every request

    /// Request ids: 1-128 printable ASCII characters (common.v1 conventions).
    public mutating func requestId(_ value: String, field: String = "request_id") {
        if value.isEmpty {
            add(field, "required: a client-chosen id of 1-128 printable ASCII characters, e.g. a UUID")
        } else if value.utf8.count > 128 || !Self.isPrintableASCII(value) {
            add(field, "must be 1-128 printable ASCII characters")
        }
    }

    /// Checked over the contiguous bytes: the generic walk over `utf8` was a percent of the
    /// loop's time, for a check every creating call makes.
    public static func isPrintableASCII(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { bytes in bytes.allSatisfy { $0 >= 0x20 && $0 <= 0x7E } }
    }

    /// A string of `range` characters and at most 4 UTF-8 bytes per allowed character, not blank;
    /// an empty optional string passes.
    ///
    /// Counting characters alone let one visible character carry 300,000 combining marks
    /// (600 KB) through a 64-character limit, so a page of such rows passed stock clients' 4 MiB
    /// message limit. Four bytes is the longest UTF-8 scalar, so no honest text is refused by the
    /// byte bound.
    public mutating func text(_ value: String, _ field: String, _ range: ClosedRange<Int>, required: Bool = true) {
        if value.isEmpty {
            if required { add(field, "required: \(range.lowerBound)-\(range.upperBound) characters") }
            return
        }
        let maxBytes = Self.maxBytes(forCharacters: range.upperBound)
        if value.utf8.count > maxBytes {
            add(
                field,
                "must be \(range.lowerBound)-\(range.upperBound) characters and at most \(maxBytes) bytes of UTF-8")
        } else if !Self.length(of: value, isIn: range) {
            add(field, "must be \(range.lowerBound)-\(range.upperBound) characters")
        } else if Self.isBlank(value) {
            add(field, "must not be blank: only spaces or other white space")
        }
    }

    /// Whether `value` has a number of characters (grapheme clusters) in `range`. A string never
    /// has more characters than UTF-8 bytes, so most values are settled by their byte count:
    /// counting characters walks grapheme breaks, which was a few percent of the loop's time per
    /// FileCase, for strings far below their limit.
    public static func length(of value: String, isIn range: ClosedRange<Int>) -> Bool {
        let bytes = value.utf8.count
        if bytes < range.lowerBound { return false }
        if bytes <= range.upperBound && range.lowerBound <= min(bytes, 1) { return true }
        return range.contains(value.count)
    }

    /// The byte bound that goes with a limit of `characters`.
    public static func maxBytes(forCharacters characters: Int) -> Int { characters * 4 }

    /// Whether `value` is only white space (ASCII or not, e.g. the ideographic space U+3000).
    /// Most values start with a visible ASCII byte, which settles it without a character walk.
    public static func isBlank(_ value: String) -> Bool {
        guard let first = value.utf8.first else { return true }
        if first > 0x20 && first < 0x7F { return false }
        return value.allSatisfy(\.isWhitespace)
    }

    /// A required enum: a declared value other than UNSPECIFIED.
    public mutating func required<E: ProtoEnum>(_ value: E, _ field: String) {
        if value.rawValue == 0 {
            add(field, "required")
        } else if !E.knownCases.contains(value) {
            add(field, "unknown value \(value.rawValue)")
        }
    }

    /// An optional enum filter: UNSPECIFIED or a declared value.
    public mutating func known<E: ProtoEnum>(_ value: E, _ field: String) {
        if !E.knownCases.contains(value) { add(field, "unknown value \(value.rawValue)") }
    }

    /// A required date, valid and not after `today`.
    @discardableResult
    public mutating func pastDate(_ value: Shuangjiang.Common.V1.Date?, _ field: String, today: CivilDate?)
        -> CivilDate?
    {
        guard let value else {
            add(field, "required")
            return nil
        }
        guard let date = CivilDate(value) else {
            add(field, "must be a real calendar date with year 1949-2199")
            return nil
        }
        if let today, date > today {
            add(field, "must not be in the future (today is \(today))")
            return nil
        }
        return date
    }

    /// A required instant, valid and not after `latest`.
    @discardableResult
    public mutating func pastInstant(_ value: Google.Protobuf.Timestamp?, _ field: String, latest: Instant?) -> Instant?
    {
        guard let value else {
            add(field, "required")
            return nil
        }
        guard let instant = Instant(value) else {
            add(field, "must be a valid timestamp (nanos 0-999999999, years 1-9999)")
            return nil
        }
        if let latest, instant > latest {
            add(field, "must not be in the future")
            return nil
        }
        return instant
    }

    /// A Period filter resolved to its first and last day (common.v1.Period rules).
    public mutating func period(_ period: Shuangjiang.Common.V1.Period, _ field: String) -> ClosedRange<CivilDate>? {
        calendarPeriod(period, field)?.days
    }

    /// A Period resolved to the domain's calendar period (common.v1.Period rules).
    public mutating func calendarPeriod(_ period: Shuangjiang.Common.V1.Period, _ field: String) -> CalendarPeriod? {
        let year = period.year
        switch period.kind {
        case .month, .quarter, .year:
            guard CivilDate.validYears.contains(year) else {
                add("\(field).year", "must be 1949-2199")
                return nil
            }
            switch period.kind {
            case .month:
                guard let month = CalendarPeriod.validMonth(year: year, month: period.index) else {
                    add("\(field).index", "must be a month 1-12")
                    return nil
                }
                return month
            case .quarter:
                guard let quarter = CalendarPeriod.validQuarter(year: year, quarter: period.index) else {
                    add("\(field).index", "must be a quarter 1-4")
                    return nil
                }
                return quarter
            default:
                guard period.index == 0 else {
                    add("\(field).index", "must be 0 for a YEAR period")
                    return nil
                }
                return .year(year)
            }
        case .range:
            let first = CivilDate(period.firstDay)
            let last = CivilDate(period.lastDay)
            if first == nil { add("\(field).first_day", "required for RANGE: a real calendar date, 1949-2199") }
            if last == nil { add("\(field).last_day", "required for RANGE: a real calendar date, 1949-2199") }
            guard let first, let last else { return nil }
            guard first <= last else {
                add("\(field).last_day", "must not be before first_day")
                return nil
            }
            return .range(first...last)
        default:
            add("\(field).kind", "required: MONTH, QUARTER, YEAR or RANGE")
            return nil
        }
    }

    /// The id of a Get request. Bounded like every text field: an unbounded id would come back
    /// whole in the NOT_FOUND message, a trailer stock clients cap at a few KiB.
    public mutating func resourceId(_ value: String, _ field: String = "id") {
        text(value, field, 1...64)
    }

    /// page_size: negative is invalid; 0 means 50; above 500 means 500.
    public mutating func pageSize(_ value: Int32) -> Int {
        if value < 0 { add("page_size", "must not be negative") }
        return value <= 0 ? 50 : min(Int(value), 500)
    }
}
