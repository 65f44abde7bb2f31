internal import Glibc

/// A dedicated OS thread for blocking SQLite work: the writer and each reader own their
/// connection for the thread's whole life, which Dispatch or the Swift concurrency pool cannot
/// promise.
final class WorkerThread: @unchecked Sendable {
    private let handle: pthread_t

    private final class Start {
        let body: () -> Void

        init(body: @escaping () -> Void) {
            self.body = body
        }
    }

    init(body: @escaping @Sendable () -> Void) {
        let start = Unmanaged.passRetained(Start(body: body)).toOpaque()
        var handle = pthread_t()
        let result = pthread_create(
            &handle, nil,
            { argument in
                let start = Unmanaged<Start>.fromOpaque(argument!).takeRetainedValue()
                start.body()
                return nil
            }, start)
        precondition(result == 0, "pthread_create failed: \(result)")
        self.handle = handle
    }

    var isCurrent: Bool { pthread_equal(handle, pthread_self()) != 0 }

    func join() {
        precondition(!isCurrent, "a thread cannot join itself")
        pthread_join(handle, nil)
    }

    /// For when the last owner lets go on this very thread: it cleans up after itself.
    func detach() {
        pthread_detach(handle)
    }
}
