internal import SharedDomain

/// The value axes of the charts, chosen in integers so the gridlines fall on round numbers.
struct ChartAxis {
    var maximum: Double
    var ticks: [(Double, String)]

    /// Loss rates: 5-point steps up to the highest rate, and always above the threshold, so the
    /// line is drawn inside the plot and never on its top edge.
    static func rates(_ rates: [Fraction], threshold: Fraction) -> ChartAxis {
        // Steps of 1/20: the smallest k with k/20 ≥ x is ⌈20x⌉.
        func steps(_ fraction: Fraction) -> Int64 {
            let top = Int128(fraction.numerator) * 20
            let bottom = Int128(fraction.denominator)
            return Int64((top + bottom - 1) / bottom)
        }
        var k = max(rates.map(steps).max() ?? 0, steps(threshold), 1)
        if Int128(k) * Int128(threshold.denominator) <= Int128(threshold.numerator) * 20 { k += 1 }
        let every: Int64 = k <= 8 ? 1 : k <= 16 ? 2 : 4
        let ticks = stride(from: Int64(0), through: k, by: Int(every)).map { step in
            (Double(step) / 20, "\(step * 5)%")
        }
        return ChartAxis(maximum: Double(k) / 20, ticks: ticks)
    }

    /// Counts: 1, 2 or 5 times a power of ten per step, at most six steps.
    static func counts(_ largest: Int64) -> ChartAxis {
        var step: Int64 = 1
        var scale: Int64 = 1
        search: while true {
            for multiple: Int64 in [1, 2, 5] {
                step = multiple * scale
                if (largest + step - 1) / step <= 6 { break search }
            }
            scale *= 10
        }
        let steps = max((largest + step - 1) / step, 1)
        let ticks = (0...steps).map { (Double($0 * step), "\($0 * step)") }
        return ChartAxis(maximum: Double(steps * step), ticks: ticks)
    }
}
