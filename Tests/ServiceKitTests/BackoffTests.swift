import Testing

@testable import ServiceKit

@Suite struct BackoffTests {
    /// A fixed sequence of draws, so jittered delays are reproducible.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func delaysGrowByTheMultiplierUpToTheCap() {
        let backoff = Backoff(initial: .milliseconds(100), maximum: .seconds(1), multiplier: 2, jitter: 0)
        let delays = (1...6).map { backoff.delay(afterAttempt: $0) }
        #expect(delays == [100, 200, 400, 800, 1000, 1000].map { Duration.milliseconds($0) })
    }

    @Test func jitterStaysWithinItsFractionAndNeverPassesTheCap() {
        let backoff = Backoff(initial: .milliseconds(100), maximum: .seconds(1), multiplier: 2, jitter: 0.25)
        var generator = SplitMix(state: 42)
        for attempt in 1...20 {
            let exact = min(100.0 * Double(1 << min(attempt - 1, 10)), 1000)
            for _ in 0..<50 {
                let delay = backoff.delay(afterAttempt: attempt, using: &generator)
                #expect(delay >= .milliseconds(exact * 0.75) && delay <= .milliseconds(min(exact * 1.25, 1000)))
            }
        }
    }

    @Test func jitterSpreadsFollowersThatFailedTogether() {
        let backoff = Backoff(initial: .milliseconds(100), maximum: .seconds(1), multiplier: 2, jitter: 0.25)
        var generator = SplitMix(state: 7)
        let delays = Set((0..<20).map { _ in backoff.delay(afterAttempt: 3, using: &generator) })
        #expect(delays.count > 10)
    }
}
