import Dispatch
import Storage

/// Parks the writer thread inside a request, so a test can look at the database mid-batch or
/// queue requests that will then run together in the next batch.
final class WriterGate: Sendable {
    private let entered = DispatchSemaphore(value: 0)
    private let released = DispatchSemaphore(value: 0)
    private let completed = DispatchSemaphore(value: 0)

    /// Queues a request that runs `body` and then blocks the writer; returns once it blocks.
    func close(_ database: Database, after body: @escaping @Sendable (WriteTransaction) throws -> Void = { _ in })
        async
    {
        database.write({ [entered, released] tx in
            try body(tx)
            entered.signal()
            released.wait()
        }) { [completed] _ in completed.signal() }
        await Self.wait(for: entered)
    }

    func open() {
        released.signal()
    }

    /// Returns once the gate's own request has completed (its batch committed).
    func waitUntilCompleted() async {
        await Self.wait(for: completed)
    }

    private static func wait(for semaphore: DispatchSemaphore) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                semaphore.wait()
                continuation.resume()
            }
        }
    }
}
