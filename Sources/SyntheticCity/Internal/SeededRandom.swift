/// xoshiro256** seeded through SplitMix64: the generator's only source of randomness.
///
/// The standard library's `random(in:using:)` helpers are not used on purpose: how they turn
/// bits into a bounded integer or a Double is not promised to stay the same across Swift
/// releases, and the same seed must give byte-identical output. Every draw here is plain integer
/// arithmetic or an exact conversion.
struct SeededRandom {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    init(seed: UInt64) {
        var mixer = seed
        state = (Self.splitMix(&mixer), Self.splitMix(&mixer), Self.splitMix(&mixer), Self.splitMix(&mixer))
    }

    /// An independent stream for one concern (regions, cases, opinions…), so adding draws to one
    /// concern does not shift the numbers every other concern sees.
    init(seed: UInt64, stream: UInt64) {
        var mixer = seed ^ (stream &* 0xD6E8_FEB8_6659_FD93)
        self.init(seed: Self.splitMix(&mixer))
    }

    private static func splitMix(_ value: inout UInt64) -> UInt64 {
        value &+= 0x9E37_79B9_7F4A_7C15
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotate(state.3, 45)
        return result
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in [0, 1), 53 bits.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in 0..<bound (Lemire's multiply-and-reject, unbiased).
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "empty range")
        let n = UInt64(bound)
        var product = next().multipliedFullWidth(by: n)
        if product.low < n {
            let threshold = (0 &- n) % n
            while product.low < threshold { product = next().multipliedFullWidth(by: n) }
        }
        return Int(product.high)
    }

    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    mutating func double(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * unit()
    }

    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// Approximately standard normal (Irwin–Hall: twelve uniforms less six). Bounded at ±6, which
    /// suits random effects, and needs no transcendental functions.
    mutating func normal() -> Double {
        var sum = 0.0
        for _ in 0..<12 { sum += unit() }
        return sum - 6
    }

    mutating func element<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// One of `choices`, with probability proportional to its weight.
    mutating func weighted<T>(_ choices: [(T, Double)]) -> T {
        let total = choices.reduce(0) { $0 + $1.1 }
        var point = unit() * total
        for (value, weight) in choices {
            if point < weight { return value }
            point -= weight
        }
        return choices[choices.count - 1].0
    }
}
