public import SharedDomain

/// When a region's quarterly loss rate calls for escalation (DESIGN.md, "Escalation"): a quarter
/// is judged once it has closed in the city's zone and the grace period for late conclusions has
/// passed, on the default formula, exactly (for 10 %: 10 × losses > concluded). Crossings are
/// counted in quarter order within the counting window (the calendar year); the ladder says what
/// each one calls for, the last rung standing for every later crossing.
public struct EscalationRules: Equatable, Sendable {
    public enum Rung: Int, Sendable {
        /// 约谈 by the deputy mayor in charge.
        case interview = 1
        /// 在市政府常务会议作检讨.
        case selfCriticism = 2
    }

    public var threshold: Fraction
    /// Days after a quarter's last day before it is judged.
    public var graceDays: Int64
    /// What the first, second, … crossing in a window calls for.
    public var ladder: [Rung]

    public init(
        threshold: Fraction = Fraction(10, 100)!, graceDays: Int64 = 10, ladder: [Rung] = [.interview, .selfCriticism]
    ) {
        precondition(!ladder.isEmpty, "a ladder has at least one rung")
        self.threshold = threshold
        self.graceDays = graceDays
        self.ladder = ladder
    }

    /// Whether `losses` of `concluded` crosses the line; a quarter with nothing concluded never does.
    public func crosses(losses: Int64, concluded: Int64) -> Bool {
        guard let rate = Fraction(losses, concluded) else { return false }
        return rate > threshold
    }

    /// The rung for the `occurrence`th crossing (1-based) in a window.
    public func rung(forOccurrence occurrence: Int) -> Rung {
        ladder[min(max(occurrence, 1), ladder.count) - 1]
    }

    /// The first day on which `quarter` may be judged: the day after its last day plus the grace.
    public func judgedFrom(_ quarter: CalendarPeriod) -> CivilDate? {
        quarter.days.upperBound.adding(days: graceDays + 1)
    }

    /// The counting window a quarter belongs to: its calendar year.
    public func window(of quarter: CalendarPeriod) -> CalendarPeriod {
        .year(quarter.days.lowerBound.year)
    }
}
