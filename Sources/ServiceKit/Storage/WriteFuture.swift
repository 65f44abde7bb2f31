internal import Synchronization

/// The result of a write submitted with a completion callback, awaited later. A streaming import
/// submits rows in stream order without waiting for each commit, so group commit can put many
/// rows in one transaction, and collects the results afterwards.
public final class WriteFuture<Value: Sendable>: Sendable {
    private enum State {
        case pending(CheckedContinuation<Result<Value, any Error>, Never>?)
        case done(Result<Value, any Error>)
    }

    private let state = Mutex(State.pending(nil))

    public init() {}

    public func fulfil(_ result: Result<Value, any Error>) {
        let waiter: CheckedContinuation<Result<Value, any Error>, Never>? = state.withLock { state in
            guard case .pending(let waiter) = state else { return nil }
            state = .done(result)
            return waiter
        }
        waiter?.resume(returning: result)
    }

    public var result: Result<Value, any Error> {
        get async {
            await withCheckedContinuation { continuation in
                let ready: Result<Value, any Error>? = state.withLock { state in
                    switch state {
                    case .done(let result): return result
                    case .pending:
                        state = .pending(continuation)
                        return nil
                    }
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }
}
