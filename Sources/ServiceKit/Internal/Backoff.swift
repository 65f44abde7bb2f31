/// How long to wait before the next attempt after consecutive failures: exponential, capped,
/// with jitter so that followers cut off by the same upstream restart do not all come back in
/// the same instant.
struct Backoff: Sendable {
    var initial: Duration
    var maximum: Duration
    var multiplier: Double
    /// Each delay is drawn uniformly within this fraction either side of the exponential value.
    var jitter: Double

    /// The wait after the `attempt`-th failure in a row (1 for the first), never above `maximum`.
    func delay(afterAttempt attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let cap = Self.seconds(maximum)
        var base = Self.seconds(initial)
        // Multiplying step by step (not pow) keeps the kit free of libm; the cap ends the loop early.
        for _ in 1..<max(1, attempt) where base < cap { base *= multiplier }
        base = min(base, cap)
        let spread = base * min(max(jitter, 0), 1)
        let drawn = spread > 0 ? Double.random(in: (base - spread)...(base + spread), using: &generator) : base
        return .nanoseconds(Int64(min(drawn, cap) * 1e9))
    }

    func delay(afterAttempt attempt: Int) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(afterAttempt: attempt, using: &generator)
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
