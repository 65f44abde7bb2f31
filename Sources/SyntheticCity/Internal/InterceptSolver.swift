/// Finds the intercept that makes a group of cases produce a target number of outcomes in
/// expectation: the `b` with Σ weightᵢ · logistic(b + offsetᵢ) = target · denominator, by
/// bisection (the sum grows with `b`).
///
/// This is how the generator hits the published loss-rate levels whatever the case mix: the
/// factors move single cases, the intercept sets the year's level.
enum InterceptSolver {
    /// `constant` is what the group produces whatever the intercept (e.g. losses that come from
    /// reversals on appeal of cases the agency won); it is taken off the target first.
    static func solve(
        offsets: [(offset: Double, weight: Double)], target: Double, denominator: Int, constant: Double = 0
    ) -> Double {
        let goal = target * Double(denominator) - constant
        guard denominator > 0, !offsets.isEmpty, goal > 0 else { return PortableMath.log(target / (1 - target)) }
        var low = -15.0
        var high = 10.0
        for _ in 0..<48 {
            let middle = (low + high) / 2
            var expected = 0.0
            for item in offsets { expected += item.weight * PortableMath.logistic(middle + item.offset) }
            if expected < goal { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}
