public import SharedDomain

/// A rate as reported: numerator, denominator and the formula's stable name (common.v1.Rate).
/// Undefined when the denominator is 0; compared only through ``fraction``.
public struct Rate: Equatable, Sendable {
    public let numerator: Int64
    public let denominator: Int64
    public let formula: String

    public init(_ numerator: Int64, _ denominator: Int64, formula: String) {
        self.numerator = numerator
        self.denominator = denominator
        self.formula = formula
    }

    /// Nil while undefined.
    public var fraction: Fraction? { Fraction(numerator, denominator) }

    /// "7.5%" (to the report's two decimals), or "—" while undefined.
    public var percent: String { fraction?.percent(decimals: 2) ?? "—" }
}
