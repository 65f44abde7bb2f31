import Synchronization

/// Events a watch has received that the follower has not applied yet, between the task reading
/// the stream and the task writing to the database.
///
/// It is bounded so that a slow database slows the stream itself: while the buffer is full the
/// reader stops taking messages, and HTTP/2 flow control stops the upstream. Everything waiting
/// here wakes when its task is cancelled.
final class FeedBuffer<Event: Sendable>: Sendable {
    private struct State {
        var events: [Event] = []
        /// No more events will be added: the stream ended, or the consumer went away.
        var finished = false
        var consumer: CheckedContinuation<Void, Never>?
        var producer: CheckedContinuation<Void, Never>?
    }

    private enum PushOutcome {
        case added(wake: CheckedContinuation<Void, Never>?)
        case full
        case closed
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        precondition(capacity >= 1, "a buffer holds at least one event")
        self.capacity = capacity
    }

    /// Adds `event`, first waiting while the buffer is full.
    /// - Returns: false once the buffer is closed or the task is cancelled; the event was dropped.
    func push(_ event: Event) async -> Bool {
        while !Task.isCancelled {
            let outcome = state.withLock { state -> PushOutcome in
                if state.finished { return .closed }
                guard state.events.count < capacity else { return .full }
                state.events.append(event)
                defer { state.consumer = nil }
                return .added(wake: state.consumer)
            }
            switch outcome {
            case .added(let consumer):
                consumer?.resume()
                return true
            case .closed:
                return false
            case .full:
                await waitForSpace()
            }
        }
        return false
    }

    /// Up to `limit` events, oldest first, waiting for at least one.
    /// - Returns: an empty array once the buffer is finished and drained, or the task is cancelled.
    func take(upTo limit: Int) async -> [Event] {
        while !Task.isCancelled {
            let (batch, producer) = state.withLock { state -> ([Event]?, CheckedContinuation<Void, Never>?) in
                guard !state.events.isEmpty else { return (state.finished ? [] : nil, nil) }
                let count = min(limit, state.events.count)
                let batch = Array(state.events.prefix(count))
                state.events.removeFirst(count)
                defer { state.producer = nil }
                return (batch, state.producer)
            }
            producer?.resume()
            if let batch { return batch }
            await waitForEvents()
        }
        return []
    }

    /// The producer is done; what is buffered can still be taken.
    func finish() {
        let consumer = state.withLock { state in
            state.finished = true
            defer { state.consumer = nil }
            return state.consumer
        }
        consumer?.resume()
    }

    /// The consumer is done: drops what is buffered and refuses later events.
    func close() {
        let (consumer, producer) = state.withLock { state in
            state.finished = true
            state.events = []
            defer {
                state.consumer = nil
                state.producer = nil
            }
            return (state.consumer, state.producer)
        }
        consumer?.resume()
        producer?.resume()
    }

    // The cancellation handler and the waiter take the same lock, and a task is marked cancelled
    // before its handler runs: either the waiter sees the mark, or the handler finds the waiter.

    private func waitForSpace() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state in
                    if state.finished || state.events.count < capacity || Task.isCancelled { return true }
                    state.producer = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { state in
                defer { state.producer = nil }
                return state.producer
            }?.resume()
        }
    }

    private func waitForEvents() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state in
                    if state.finished || !state.events.isEmpty || Task.isCancelled { return true }
                    state.consumer = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { state in
                defer { state.consumer = nil }
                return state.consumer
            }?.resume()
        }
    }
}
