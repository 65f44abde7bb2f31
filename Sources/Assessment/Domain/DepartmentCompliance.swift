/// One department's deadlines in a period, by kind (DepartmentCompliance in
/// opinion_compliance.proto).
public struct DepartmentCompliance: Equatable, Sendable {
    /// The department's intake agency key.
    public let department: Int64
    public var tallies: [OpinionDeadlineKind: DeadlineTally] = [:]

    public init(department: Int64) {
        self.department = department
    }

    /// One tally per kind, in kind order, zero where the department had none of that kind.
    public var byKind: [(kind: OpinionDeadlineKind, tally: DeadlineTally)] {
        OpinionDeadlineKind.allCases.map { ($0, tallies[$0] ?? DeadlineTally()) }
    }

    /// All four kinds together.
    public var overall: DeadlineTally { tallies.values.reduce(DeadlineTally(), +) }

    /// Lowest overall on-time rate first, compared exactly; a department with nothing resolved
    /// yet (an undefined rate) after every rated one; ties by department key, so the order is
    /// total and stable.
    public static func worstFirst(_ lhs: Self, _ rhs: Self) -> Bool {
        switch (lhs.overall.onTimeRate.fraction, rhs.overall.onTimeRate.fraction) {
        case (let left?, let right?) where left != right: left < right
        case (.some, nil): true
        case (nil, .some): false
        default: lhs.department < rhs.department
        }
    }
}
