/// exp and log from basic IEEE arithmetic only: the C library's versions may differ in the last
/// bit between platforms, and a forecast compared against a threshold must come out the same
/// everywhere, replays included.
public enum RiskMath {
    private static let ln2 = 0.693_147_180_559_945_309_42

    /// e^x, by splitting off a power of two and a short series for the rest.
    public static func exp(_ x: Double) -> Double {
        let clamped = min(max(x, -700), 700)
        let k = (clamped / ln2).rounded()
        let r = clamped - k * ln2
        var term = 1.0
        var sum = 1.0
        for n in 1...16 {
            term *= r / Double(n)
            sum += term
        }
        return sum * Double(sign: .plus, exponent: Int(k), significand: 1)
    }

    /// ln x for x > 0: the binary exponent plus the atanh series of the mantissa.
    public static func log(_ x: Double) -> Double {
        precondition(x > 0, "log of a non-positive number")
        var exponent = Double(Int(x.exponent))
        var mantissa = x.significand
        if mantissa > 1.414_213_562_373_095 {
            mantissa /= 2
            exponent += 1
        }
        let s = (mantissa - 1) / (mantissa + 1)
        let s2 = s * s
        var power = s
        var sum = 0.0
        var n = 1.0
        while n < 60 {
            sum += power / n
            power *= s2
            n += 2
        }
        return 2 * sum + exponent * ln2
    }

    /// 1 / (1 + e^-x).
    public static func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
}
