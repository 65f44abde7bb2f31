internal import GRPCCore
internal import Messages

/// Collects every bad field of a request before anything is written, so the client sees all of
/// them at once (one INVALID_ARGUMENT with a google.rpc.BadRequest).
struct Violations: Sendable {
    private(set) var all: [FieldViolation] = []
    /// Prepended to every field path, e.g. "filing." for an import row's filing.
    let prefix: String

    init(prefix: String = "") {
        self.prefix = prefix
    }

    var isEmpty: Bool { all.isEmpty }

    mutating func add(_ field: String, _ rule: String) {
        all.append(FieldViolation(field: prefix + field, description: rule))
    }

    mutating func append(contentsOf other: Violations) {
        all += other.all
    }

    /// Throws INVALID_ARGUMENT listing every violation, if there is any.
    func check() throws(RPCError) {
        if !all.isEmpty { throw RPCError.invalidArgument(all) }
    }

    // MARK: Field rules shared by every request

    /// Request ids: 1-128 printable ASCII characters (common.v1 conventions).
    mutating func requestId(_ value: String, field: String = "request_id") {
        if value.isEmpty {
            add(field, "required: a client-chosen id of 1-128 printable ASCII characters, e.g. a UUID")
        } else if value.utf8.count > 128 || !Self.isPrintableASCII(value) {
            add(field, "must be 1-128 printable ASCII characters")
        }
    }

    /// Checked over the contiguous bytes: the generic walk over `utf8` was a percent of the
    /// loop's time, for a check every creating call makes.
    static func isPrintableASCII(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { bytes in bytes.allSatisfy { $0 >= 0x20 && $0 <= 0x7E } }
    }

    /// A string of `range` characters; an empty optional string passes.
    mutating func text(_ value: String, _ field: String, _ range: ClosedRange<Int>, required: Bool = true) {
        if value.isEmpty && !required { return }
        if value.isEmpty {
            add(field, "required: \(range.lowerBound)-\(range.upperBound) characters")
        } else if !Self.length(of: value, isIn: range) {
            add(field, "must be \(range.lowerBound)-\(range.upperBound) characters")
        }
    }

    /// Whether `value` has a number of characters (grapheme clusters) in `range`. A string never
    /// has more characters than UTF-8 bytes, so most values are settled by their byte count:
    /// counting characters walks grapheme breaks, which was a few percent of the loop's time per
    /// FileCase, for strings far below their limit.
    static func length(of value: String, isIn range: ClosedRange<Int>) -> Bool {
        let bytes = value.utf8.count
        if bytes < range.lowerBound { return false }
        if bytes <= range.upperBound && range.lowerBound <= min(bytes, 1) { return true }
        return range.contains(value.count)
    }

    /// A required enum: a declared value other than UNSPECIFIED.
    mutating func required<E: ProtoEnum>(_ value: E, _ field: String) {
        if value.rawValue == 0 {
            add(field, "required")
        } else if !E.knownCases.contains(value) {
            add(field, "unknown value \(value.rawValue)")
        }
    }

    /// An optional enum filter: UNSPECIFIED or a declared value.
    mutating func known<E: ProtoEnum>(_ value: E, _ field: String) {
        if !E.knownCases.contains(value) { add(field, "unknown value \(value.rawValue)") }
    }

    /// A required date, valid and not after `today`.
    @discardableResult
    mutating func pastDate(_ value: Shuangjiang.Common.V1.Date?, _ field: String, today: CivilDate?) -> CivilDate? {
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
    mutating func pastInstant(_ value: Google.Protobuf.Timestamp?, _ field: String, latest: Instant?) -> Instant? {
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
    mutating func period(_ period: Shuangjiang.Common.V1.Period, _ field: String) -> ClosedRange<CivilDate>? {
        let year = period.year
        switch period.kind {
        case .month, .quarter, .year:
            guard CivilDate.validYears.contains(year) else {
                add("\(field).year", "must be 1949-2199")
                return nil
            }
            let months: (Int32, Int32)
            switch period.kind {
            case .month:
                guard (1...12).contains(period.index) else {
                    add("\(field).index", "must be a month 1-12")
                    return nil
                }
                months = (period.index, period.index)
            case .quarter:
                guard (1...4).contains(period.index) else {
                    add("\(field).index", "must be a quarter 1-4")
                    return nil
                }
                months = (period.index * 3 - 2, period.index * 3)
            default:
                guard period.index == 0 else {
                    add("\(field).index", "must be 0 for a YEAR period")
                    return nil
                }
                months = (1, 12)
            }
            let first = CivilDate(year: year, month: months.0, day: 1)!
            let last = CivilDate(year: year, month: months.1, day: CivilDate.daysInMonth(year: year, month: months.1))!
            return first...last
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
            return first...last
        default:
            add("\(field).kind", "required: MONTH, QUARTER, YEAR or RANGE")
            return nil
        }
    }
}
