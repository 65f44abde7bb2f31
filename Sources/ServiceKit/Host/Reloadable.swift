internal import Synchronization

/// A value an operator may replace while the service runs: the rules file, reloaded on SIGHUP.
///
/// Services read `current` where they use the value, once per call or per write, so a call sees one
/// consistent set of rules even if a reload lands half-way. `generation` changes with every
/// replacement, for a holder of something derived from the value (a cache, a projection) to
/// rebuild it.
public final class Reloadable<Value: Sendable>: Sendable {
    private let state: Mutex<(value: Value, generation: Int)>

    public init(_ value: Value) {
        state = Mutex((value, 0))
    }

    public var current: Value { state.withLock { $0.value } }

    /// The value and its generation, read together.
    public var snapshot: (value: Value, generation: Int) { state.withLock { $0 } }

    public func replace(with value: Value) {
        state.withLock { $0 = (value, $0.generation + 1) }
    }
}
