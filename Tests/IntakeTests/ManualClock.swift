import Intake
import Synchronization

/// A clock tests set by hand.
final class ManualClock: IntakeClock {
    private let current: Mutex<Instant>

    init(_ start: Instant) {
        current = Mutex(start)
    }

    func now() -> Instant { current.withLock { $0 } }

    func set(_ instant: Instant) { current.withLock { $0 = instant } }
}
