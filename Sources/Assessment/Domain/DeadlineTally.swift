/// How many deadlines of some kind were met, missed and still pending (DeadlineCompliance in
/// opinion_compliance.proto).
public struct DeadlineTally: Equatable, Sendable {
    public static let formula = "opinion.on_time"

    public var met: Int64 = 0
    public var missed: Int64 = 0
    public var pending: Int64 = 0

    public init(met: Int64 = 0, missed: Int64 = 0, pending: Int64 = 0) {
        self.met = met
        self.missed = missed
        self.pending = pending
    }

    public mutating func count(_ status: DeadlineStatus, _ number: Int64 = 1) {
        switch status {
        case .met: met += number
        case .missed: missed += number
        case .pending: pending += number
        }
    }

    /// Met ÷ (met + missed): pending ones are left out until they resolve.
    public var onTimeRate: Rate { Rate(met, met + missed, formula: Self.formula) }

    public static func + (lhs: Self, rhs: Self) -> Self {
        DeadlineTally(met: lhs.met + rhs.met, missed: lhs.missed + rhs.missed, pending: lhs.pending + rhs.pending)
    }
}
