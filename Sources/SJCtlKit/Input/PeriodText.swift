public import Messages
public import SharedDomain

/// Periods and scopes as an operator writes them on the command line.
///
/// Periods: `2023` (year), `2023Q1` or `2023-Q1` (quarter), `2023-03` (month),
/// `2023-01-01..2023-06-30` (days, both included), `2022-01-01..` or `2022-01-01..today` (up to
/// today in the city's time zone). Scopes: `city`, `region:ID`, `agency:ID`.
public enum PeriodText {
    public typealias Period = Shuangjiang.Common.V1.Period
    public typealias Scope = Shuangjiang.Common.V1.Scope

    public static let periodHelp =
        "2023 (year), 2023Q1 (quarter), 2023-03 (month), 2023-01-01..2023-06-30 (days), 2022-01-01.. (to today)"
    public static let scopeHelp = "city, region:ID or agency:ID"

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notAPeriod(String)
        case notAScope(String)
        case wrongKind(String, allowed: String)

        public var description: String {
            switch self {
            case .notAPeriod(let text): "\"\(text)\" is not a period; write \(PeriodText.periodHelp)"
            case .notAScope(let text): "\"\(text)\" is not a scope; write \(PeriodText.scopeHelp)"
            case .wrongKind(let text, let allowed): "\"\(text)\" is not \(allowed)"
            }
        }
    }

    /// `today` is the city's current date, for open-ended ranges.
    public static func period(_ text: String, today: CivilDate) throws(Failure) -> Period {
        let trimmed = text.trimmingSpaces()
        var period = Period()
        if let range = trimmed.firstRange(of: "..") {
            let firstText = String(trimmed[..<range.lowerBound])
            let lastText = String(trimmed[range.upperBound...])
            guard let first = CivilTime.parseDate(firstText) else { throw .notAPeriod(text) }
            let last: CivilDate
            if lastText.isEmpty || lastText.lowercased() == "today" {
                last = today
            } else if let date = CivilTime.parseDate(lastText) {
                last = date
            } else {
                throw .notAPeriod(text)
            }
            guard first <= last else { throw .notAPeriod(text) }
            period.kind = .range
            period.firstDay = date(first)
            period.lastDay = date(last)
            return period
        }
        let upper = trimmed.uppercased()
        let digits = { (part: Substring) in !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber } }
        if upper.count == 4, digits(Substring(upper)), let year = Int32(upper), CivilDate.validYears.contains(year) {
            period.kind = .year
            period.year = year
            return period
        }
        if let q = upper.firstIndex(of: "Q") {
            var yearPart = upper[..<q]
            if yearPart.hasSuffix("-") { yearPart = yearPart.dropLast() }
            let quarterPart = upper[upper.index(after: q)...]
            guard yearPart.count == 4, digits(yearPart), digits(quarterPart), let year = Int32(yearPart),
                let quarter = Int32(quarterPart), CalendarPeriod.validQuarter(year: year, quarter: quarter) != nil
            else { throw .notAPeriod(text) }
            period.kind = .quarter
            period.year = year
            period.index = quarter
            return period
        }
        let parts = upper.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2, parts[0].count == 4, digits(parts[0]), (1...2).contains(parts[1].count), digits(parts[1]),
            let year = Int32(parts[0]), let month = Int32(parts[1]),
            CalendarPeriod.validMonth(year: year, month: month) != nil
        {
            period.kind = .month
            period.year = year
            period.index = month
            return period
        }
        throw .notAPeriod(text)
    }

    /// A period that must be a month (`2024-03`), e.g. for the monthly screening and batches.
    public static func month(_ text: String, today: CivilDate) throws(Failure) -> Period {
        let period = try period(text, today: today)
        guard period.kind == .month else { throw .wrongKind(text, allowed: "a month; write e.g. 2024-03") }
        return period
    }

    public static func scope(_ text: String) throws(Failure) -> Scope {
        let trimmed = text.trimmingSpaces()
        var scope = Scope()
        if trimmed.lowercased() == "city" {
            scope.unit = .city(Google.Protobuf.Empty())
            return scope
        }
        guard let colon = trimmed.firstIndex(of: ":") else { throw .notAScope(text) }
        let kind = trimmed[..<colon].lowercased()
        let id = String(trimmed[trimmed.index(after: colon)...])
        guard !id.isEmpty else { throw .notAScope(text) }
        switch kind {
        case "region": scope.unit = .regionId(id)
        case "agency": scope.unit = .agencyId(id)
        default: throw .notAScope(text)
        }
        return scope
    }

    public static func date(_ civil: CivilDate) -> Shuangjiang.Common.V1.Date {
        var date = Shuangjiang.Common.V1.Date()
        date.year = civil.year
        date.month = civil.month
        date.day = civil.day
        return date
    }
}
