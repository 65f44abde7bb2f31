/// A value for every ``Counter``: what a case adds to a day, or what a period sums to.
///
/// Sixteen lanes of one SIMD vector rather than an array: a replay adds and subtracts these for
/// every change, and an array allocated on each sum was a tenth of the projection's time.
public struct Counts: Equatable, Sendable {
    private var lanes = SIMD16<Int64>()

    public init() {}

    /// From stored columns in ``Counter`` order.
    public init(values: [Int64]) {
        precondition(values.count == Counter.allCases.count, "one value per counter")
        for (index, value) in values.enumerated() { lanes[index] = value }
    }

    public var values: [Int64] { (0..<Counter.allCases.count).map { lanes[$0] } }

    public subscript(counter: Counter) -> Int64 {
        get { lanes[counter.rawValue] }
        set { lanes[counter.rawValue] = newValue }
    }

    public var isZero: Bool { lanes == SIMD16() }

    public static func + (lhs: Counts, rhs: Counts) -> Counts {
        var sum = lhs
        sum.lanes &+= rhs.lanes
        return sum
    }

    public static func - (lhs: Counts, rhs: Counts) -> Counts {
        var difference = lhs
        difference.lanes &-= rhs.lanes
        return difference
    }

    public static func += (lhs: inout Counts, rhs: Counts) { lhs.lanes &+= rhs.lanes }

    public static func -= (lhs: inout Counts, rhs: Counts) { lhs.lanes &-= rhs.lanes }
}
