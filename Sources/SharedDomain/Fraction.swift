/// A non-negative fraction of integers, compared exactly: rates and thresholds are never floats
/// (DESIGN.md: "thresholds are compared in integers"). 10 × losses > concluded is
/// `Fraction(losses, concluded) > Fraction(10, 100)`.
public struct Fraction: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let numerator: Int64
    /// Never 0.
    public let denominator: Int64

    /// Nil for a zero denominator (an undefined rate) or a negative part.
    public init?(_ numerator: Int64, _ denominator: Int64) {
        guard denominator > 0, numerator >= 0 else { return nil }
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Reads "10%", "7.5%", "0.1" or "3/40" exactly; nil for anything else. For thresholds in
    /// configuration files.
    public init?(parsing text: String) {
        let trimmed = text.filter { $0 != " " }
        if let slash = trimmed.firstIndex(of: "/") {
            guard let top = Int64(trimmed[..<slash]), let bottom = Int64(trimmed[trimmed.index(after: slash)...])
            else { return nil }
            self.init(top, bottom)
            return
        }
        let percent = trimmed.hasSuffix("%")
        let number = percent ? String(trimmed.dropLast()) : trimmed
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            !parts[0].isEmpty || parts.count == 2, parts.count == 1 || !parts[1].isEmpty, (parts.last?.count ?? 0) <= 9
        else { return nil }
        let decimals = parts.count == 2 ? parts[1].count : 0
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        guard let whole = Int64(parts[0].isEmpty ? "0" : String(parts[0])),
            let fraction = Int64(parts.count == 2 ? String(parts[1]) : "0")
        else { return nil }
        self.init(whole * scale + fraction, scale * (percent ? 100 : 1))
    }

    public static func < (lhs: Fraction, rhs: Fraction) -> Bool {
        Int128(lhs.numerator) * Int128(rhs.denominator) < Int128(rhs.numerator) * Int128(lhs.denominator)
    }

    public static func == (lhs: Fraction, rhs: Fraction) -> Bool {
        Int128(lhs.numerator) * Int128(rhs.denominator) == Int128(rhs.numerator) * Int128(lhs.denominator)
    }

    public func hash(into hasher: inout Hasher) {
        let divisor = Self.gcd(numerator, denominator)
        hasher.combine(numerator / divisor)
        hasher.combine(denominator / divisor)
    }

    /// The exact sum, for "median plus margin"; nil on overflow.
    public static func + (lhs: Fraction, rhs: Fraction) -> Fraction? {
        let (cross1, o1) = lhs.numerator.multipliedReportingOverflow(by: rhs.denominator)
        let (cross2, o2) = rhs.numerator.multipliedReportingOverflow(by: lhs.denominator)
        let (sum, o3) = cross1.addingReportingOverflow(cross2)
        let (bottom, o4) = lhs.denominator.multipliedReportingOverflow(by: rhs.denominator)
        guard !(o1 || o2 || o3 || o4) else { return nil }
        let divisor = gcd(sum, bottom)
        return Fraction(sum / divisor, bottom / divisor)
    }

    /// Halfway between two fractions (the median of an even count).
    public static func midpoint(_ a: Fraction, _ b: Fraction) -> Fraction? {
        guard let sum = a + b else { return nil }
        let (bottom, overflow) = sum.denominator.multipliedReportingOverflow(by: 2)
        if overflow { return nil }
        return Fraction(sum.numerator, bottom)
    }

    /// In lowest terms: 10/100 is 1/10.
    public var reduced: Fraction {
        let divisor = Self.gcd(numerator, denominator)
        return Fraction(numerator / divisor, denominator / divisor)!
    }

    /// For display only: never compare these.
    public var value: Double { Double(numerator) / Double(denominator) }

    /// "7.5%": rounded half up to `decimals` places, trailing zeros dropped, computed in integers.
    public func percent(decimals: Int = 2) -> String {
        var scale: Int128 = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (Int128(numerator) * 100 * scale * 2 + Int128(denominator)) / (Int128(denominator) * 2)
        let whole = scaled / scale
        var digits = String(scaled % scale)
        digits = String(repeating: "0", count: decimals - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return digits.isEmpty ? "\(whole)%" : "\(whole).\(digits)%"
    }

    public var description: String { "\(numerator)/\(denominator)" }

    static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
        var (a, b) = (abs(a), abs(b))
        while b != 0 { (a, b) = (b, a % b) }
        return max(a, 1)
    }
}
