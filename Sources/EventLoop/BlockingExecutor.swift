import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A few threads for blocking work (storage, files), so that nothing blocking runs on a loop.
///
/// `await BlockingExecutor.shared.run { ... }` is the one primitive to hop off the loop and back:
/// the closure runs on a worker thread, and the awaiting task resumes on its own executor — for a
/// gRPC handler, the loop thread it came from (resumption goes through the loop's `uv_async_t`).
public final class BlockingExecutor: @unchecked Sendable {  // a Mutex and a POSIX semaphore, both thread-safe
    public static let shared = BlockingExecutor(threads: 4)

    private struct State: ~Copyable {
        var queue: [@Sendable () -> Void] = []
        var head = 0
    }

    private let state = Mutex(State())
    private let semaphore: UnsafeMutablePointer<sem_t>

    public init(threads: Int) {
        semaphore = .allocate(capacity: 1)
        sem_init(semaphore, 0, 0)
        for _ in 0..<threads {
            let thread = WorkerThread { [self] in self.workLoop() }
            thread.start()
        }
    }

    /// Runs `work` on a worker thread and returns its result to the caller's executor.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            submit { continuation.resume(with: Result { try work() }) }
        }
    }

    /// Runs `work` on a worker thread; fire and forget.
    public func submit(_ work: @escaping @Sendable () -> Void) {
        state.withLock { $0.queue.append(work) }
        sem_post(semaphore)
    }

    private func workLoop() {
        while true {
            while sem_wait(semaphore) != 0 {}  // EINTR
            let work = state.withLock { state -> (@Sendable () -> Void)? in
                guard state.head < state.queue.count else { return nil }
                let work = state.queue[state.head]
                state.head += 1
                if state.head > 64 && state.head * 2 > state.queue.count {
                    state.queue.removeFirst(state.head)
                    state.head = 0
                }
                return work
            }
            work?()
        }
    }
}

/// A detached pthread running one closure; used where Foundation's Thread would pull in Foundation.
final class WorkerThread: @unchecked Sendable {  // body is read once, by the new thread
    private let body: @Sendable () -> Void

    init(_ body: @escaping @Sendable () -> Void) {
        self.body = body
    }

    func start() {
        var thread = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let status = pthread_create(
            &thread, nil,
            { context in
                let worker = Unmanaged<WorkerThread>.fromOpaque(context!).takeRetainedValue()
                worker.body()
                return nil
            }, context)
        precondition(status == 0, "pthread_create failed: \(status)")
        pthread_detach(thread)
    }
}
