public import Messages
public import SharedDomain

/// How values read for people, the same in tables, key/value blocks and watch lines.
public enum Show {
    /// "7/156 (4.49%)": the exact pair first, then the percentage computed in integers;
    /// "0/0 (undefined)" when there is nothing to take a rate over.
    public static func rate(_ rate: Shuangjiang.Common.V1.Rate?) -> String {
        guard let rate else { return "—" }
        return self.rate(rate.numerator, rate.denominator)
    }

    public static func rate(_ numerator: Int64, _ denominator: Int64) -> String {
        guard let fraction = Fraction(numerator, denominator) else {
            return denominator == 0 ? "\(numerator)/0 (undefined)" : "\(numerator)/\(denominator)"
        }
        return "\(numerator)/\(denominator) (\(fraction.percent(decimals: 2)))"
    }

    /// A fraction the API gives as a double for display (thresholds, projections): "10%", "12.5%".
    public static func percent(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let hundredths = (value * 10_000).rounded()
        let whole = Int64(hundredths) / 100
        let rest = abs(Int64(hundredths) % 100)
        if rest == 0 { return "\(whole)%" }
        let digits = rest < 10 ? "0\(rest)" : "\(rest)"
        return "\(whole).\(digits.hasSuffix("0") ? String(digits.dropLast()) : digits)%"
    }

    public static func date(_ date: Shuangjiang.Common.V1.Date?) -> String {
        guard let date, date.year != 0 else { return "—" }
        let pad = { (value: Int32) in value < 10 ? "0\(value)" : "\(value)" }
        return "\(date.year)-\(pad(date.month))-\(pad(date.day))"
    }

    public static func time(_ timestamp: Google.Protobuf.Timestamp?, zone: CityTimeZone = .shanghai) -> String {
        guard let timestamp else { return "—" }
        return CivilTime.local(seconds: timestamp.seconds, in: zone)
    }

    public static func duration(_ duration: Google.Protobuf.Duration?) -> String {
        guard let duration else { return "—" }
        return CivilTime.humanDuration(seconds: duration.seconds)
    }

    /// "2024Q1", "2024-03", "2024", "2024-01-05..2024-02-01".
    public static func period(_ period: Shuangjiang.Common.V1.Period?) -> String {
        guard let period else { return "—" }
        let pad = { (value: Int32) in value < 10 ? "0\(value)" : "\(value)" }
        switch period.kind {
        case .month: return "\(period.year)-\(pad(period.index))"
        case .quarter: return "\(period.year)Q\(period.index)"
        case .year: return "\(period.year)"
        case .range: return "\(date(period.firstDay))..\(date(period.lastDay))"
        default: return "—"
        }
    }

    /// "city", "region:region-3", "agency:agency-7": the form `--scope` takes.
    public static func scope(_ scope: Shuangjiang.Common.V1.Scope?) -> String {
        switch scope?.unit {
        case .city: "city"
        case .regionId(let id): "region:\(id)"
        case .agencyId(let id): "agency:\(id)"
        case nil: "—"
        }
    }

    /// The text, or "—" when empty.
    public static func text(_ text: String) -> String { text.isEmpty ? "—" : text }

    public static func yesNo(_ flag: Bool) -> String { flag ? "yes" : "no" }
}
