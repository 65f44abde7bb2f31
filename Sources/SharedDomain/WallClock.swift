/// Where a service gets "now" from. Domain rules never read the wall clock themselves, so tests
/// can put a deadline exactly one second before or after its due time.
public protocol WallClock: Sendable {
    func now() -> Instant
}
