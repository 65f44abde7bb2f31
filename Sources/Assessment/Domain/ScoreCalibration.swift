/// P(loss | risk score): the observed loss rate of concluded cases in each band of scores, each
/// band smoothed toward the overall rate (so a band of three cases says little) and then made
/// non-decreasing in the score (pool adjacent violators), so a higher score never means a lower
/// probability. Fitted on history; the forecast turns open cases' scores into probabilities with it.
public struct ScoreCalibration: Equatable, Sendable {
    public struct Band: Equatable, Sendable {
        /// Scores in [lower, upper); the last band includes 100.
        public let lower: Double
        public let upper: Double
        public let cases: Int
        public let losses: Int
        /// The calibrated probability.
        public let probability: Double
    }

    public let bands: [Band]
    /// The overall loss rate of the cases fitted on (the prior when there were none).
    public let baseRate: Double

    /// - Parameters:
    ///   - scored: each concluded case's score and whether it was lost.
    ///   - bandWidth: score points per band (10: ten bands over 0-100).
    ///   - smoothing: pseudo-cases at the overall rate added to each band.
    ///   - prior: the overall rate when `scored` is empty.
    public init(scored: [(score: Double, lost: Bool)], bandWidth: Double = 10, smoothing: Double = 5, prior: Double) {
        let width = max(bandWidth, 1)
        let count = Int((100 / width).rounded(.up))
        var cases = Array(repeating: 0, count: count)
        var losses = Array(repeating: 0, count: count)
        for item in scored {
            let index = min(max(Int(item.score / width), 0), count - 1)
            cases[index] += 1
            if item.lost { losses[index] += 1 }
        }
        let total = cases.reduce(0, +)
        let base = total > 0 ? Double(losses.reduce(0, +)) / Double(total) : prior
        let strength = max(smoothing, 0.001)
        let smoothed = (0..<count).map { (Double(losses[$0]) + strength * base) / (Double(cases[$0]) + strength) }
        // Only bands with cases take part; an empty band takes the band below it (the lowest
        // filled band for empty bands at the bottom), which keeps the whole fit non-decreasing.
        let filled = (0..<count).filter { cases[$0] > 0 }
        let fitted = Self.poolAdjacentViolators(
            filled.map { smoothed[$0] }, weights: filled.map { Double(cases[$0]) + strength })
        var monotone = Array(repeating: fitted.first ?? base, count: count)
        var next = 0
        for index in 0..<count {
            if next < filled.count, filled[next] == index {
                monotone[index] = fitted[next]
                next += 1
            } else if index > 0, next > 0 {
                monotone[index] = monotone[index - 1]
            }
        }
        bands = (0..<count).map { index in
            Band(
                lower: Double(index) * width, upper: min(Double(index + 1) * width, 100), cases: cases[index],
                losses: losses[index], probability: monotone[index])
        }
        baseRate = base
    }

    public func probability(score: Double) -> Double {
        guard let first = bands.first else { return baseRate }
        let width = first.upper - first.lower
        let index = min(max(Int(score / width), 0), bands.count - 1)
        return bands[index].probability
    }

    /// The weighted least-squares non-decreasing fit.
    static func poolAdjacentViolators(_ values: [Double], weights: [Double]) -> [Double] {
        var blocks: [(value: Double, weight: Double, size: Int)] = []
        for (value, weight) in zip(values, weights) {
            blocks.append((value, weight, 1))
            while blocks.count > 1, blocks[blocks.count - 2].value > blocks[blocks.count - 1].value {
                let last = blocks.removeLast()
                let previous = blocks.removeLast()
                let weight = previous.weight + last.weight
                blocks.append(
                    (
                        (previous.value * previous.weight + last.value * last.weight) / weight, weight,
                        previous.size + last.size
                    ))
            }
        }
        return blocks.flatMap { Array(repeating: $0.value, count: $0.size) }
    }
}
