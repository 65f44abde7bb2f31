/// Requests waiting for a storage thread, handed over under one lock; threads sleep while it is
/// empty.
final class RequestQueue<Context>: @unchecked Sendable {
    private let lock = ConditionLock()
    private var waiting: [any Job<Context>] = []
    private var isClosing = false

    /// Returns false once the queue is closing: the request will never run.
    func submit(_ job: any Job<Context>) -> Bool {
        lock.withLock {
            guard !isClosing else { return false }
            waiting.append(job)
            lock.signal()
            return true
        }
    }

    /// Puts requests that were taken but not run back at the head, in order.
    func requeue(_ jobs: some Collection<any Job<Context>>) {
        lock.withLock {
            waiting.insert(contentsOf: jobs, at: 0)
            lock.signal()
        }
    }

    /// Blocks until requests are waiting and takes up to `limit` of them, oldest first; nil
    /// once the queue is closing and drained.
    func take(upTo limit: Int) -> [any Job<Context>]? {
        lock.withLock {
            while waiting.isEmpty && !isClosing { lock.wait() }
            if waiting.isEmpty { return nil }
            if waiting.count <= limit {
                defer { waiting.removeAll(keepingCapacity: true) }
                return waiting
            }
            defer { waiting.removeFirst(limit) }
            return Array(waiting.prefix(limit))
        }
    }

    /// Refuses new requests; the ones already waiting still run.
    func close() {
        lock.withLock {
            isClosing = true
            lock.broadcast()
        }
    }
}
