/// exp, log and the logistic function from + − × ÷ only.
///
/// The C library's versions may differ in the last bit between platforms, and one flipped
/// comparison changes a whole synthetic history; IEEE basic arithmetic does not differ. Accuracy
/// is a few ulps, far more than a generating model needs.
enum PortableMath {
    private static let ln2High = 0.693_147_180_369_123_816_49
    private static let ln2Low = 1.908_214_929_270_587_700_02e-10
    private static let ln2 = 0.693_147_180_559_945_309_42

    static func exp(_ x: Double) -> Double {
        let x = min(max(x, -700), 700)
        let k = (x / ln2).rounded()
        let r = (x - k * ln2High) - k * ln2Low
        var term = 1.0
        var sum = 1.0
        for n in 1...14 {
            term *= r / Double(n)
            sum += term
        }
        return sum * Double(sign: .plus, exponent: Int(k), significand: 1)
    }

    static func log(_ x: Double) -> Double {
        precondition(x > 0, "log of a non-positive number")
        var exponent = Double(Int(x.exponent))
        var m = x.significand
        if m > 1.414_213_562_373_095_048_8 {
            m /= 2
            exponent += 1
        }
        let s = (m - 1) / (m + 1)
        let s2 = s * s
        var power = s
        var sum = 0.0
        for n in stride(from: 1, through: 25, by: 2) {
            sum += power / Double(n)
            power *= s2
        }
        return exponent * ln2 + 2 * sum
    }

    static func logistic(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
}
