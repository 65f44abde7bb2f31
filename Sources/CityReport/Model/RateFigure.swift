public import SharedDomain

/// A rate as the services give it: an exact numerator and denominator and the formula's name,
/// never a bare number. A zero denominator is an undefined rate, shown as "—", never as 0 %.
public struct RateFigure: Sendable, Hashable {
    public var numerator: Int64
    public var denominator: Int64
    /// The service's formula name, e.g. "loss_rate.concluded".
    public var formula: String

    public init(_ numerator: Int64, _ denominator: Int64, formula: String = "") {
        self.numerator = numerator
        self.denominator = denominator
        self.formula = formula
    }

    /// Nil when the rate is undefined (nothing to take it over).
    public var fraction: Fraction? { Fraction(numerator, denominator) }

    /// "4.49%", or "—" when undefined.
    public var percentText: String { fraction?.percent(decimals: 2) ?? "—" }

    /// The exact pair first, then the percentage: "7/156 (4.49%)"; "0/0 (—)" when undefined.
    public var text: String { "\(numerator)/\(denominator) (\(percentText))" }
}
