/// A value for every ``Counter``: what a case adds to a day, or what a period sums to.
public struct Counts: Equatable, Sendable {
    public private(set) var values: [Int64]

    public init() {
        values = Array(repeating: 0, count: Counter.allCases.count)
    }

    /// From stored columns in ``Counter`` order.
    public init(values: [Int64]) {
        precondition(values.count == Counter.allCases.count, "one value per counter")
        self.values = values
    }

    public subscript(counter: Counter) -> Int64 {
        get { values[counter.rawValue] }
        set { values[counter.rawValue] = newValue }
    }

    public var isZero: Bool { values.allSatisfy { $0 == 0 } }

    public static func + (lhs: Counts, rhs: Counts) -> Counts {
        Counts(values: zip(lhs.values, rhs.values).map { $0 + $1 })
    }

    public static func - (lhs: Counts, rhs: Counts) -> Counts {
        Counts(values: zip(lhs.values, rhs.values).map { $0 - $1 })
    }

    public static func += (lhs: inout Counts, rhs: Counts) { lhs = lhs + rhs }

    public static func -= (lhs: inout Counts, rhs: Counts) { lhs = lhs - rhs }
}
