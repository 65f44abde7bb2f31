internal import Synchronization

/// The latest committed feed sequence number and whoever waits for it to change.
final class FeedNotifier: Sendable {
    struct Observer: Sendable {
        let onCommit: @Sendable (Int64) -> Void
        let onClose: @Sendable () -> Void
    }

    private struct State {
        var lastSequence: Int64
        var nextID: UInt64 = 0
        var observers: [UInt64: Observer] = [:]
        var isClosed = false
    }

    private let state: Mutex<State>

    init(lastSequence: Int64) {
        state = Mutex(State(lastSequence: lastSequence))
    }

    var lastSequence: Int64 { state.withLock { $0.lastSequence } }

    /// Returns nil, after calling `onClose`, if the database is already closed.
    func add(_ observer: Observer) -> UInt64? {
        let id: UInt64? = state.withLock { state in
            guard !state.isClosed else { return nil }
            state.nextID += 1
            state.observers[state.nextID] = observer
            return state.nextID
        }
        if id == nil { observer.onClose() }
        return id
    }

    func remove(_ id: UInt64) {
        _ = state.withLock { $0.observers.removeValue(forKey: id) }
    }

    /// Called by the writer after a COMMIT that added events; observers run outside the lock.
    func publish(_ sequence: Int64) {
        let observers = state.withLock { state in
            state.lastSequence = sequence
            return Array(state.observers.values)
        }
        for observer in observers { observer.onCommit(sequence) }
    }

    func close() {
        let observers = state.withLock { state in
            state.isClosed = true
            defer { state.observers = [:] }
            return Array(state.observers.values)
        }
        for observer in observers { observer.onClose() }
    }
}
