#if canImport(Glibc)
    import Glibc
#endif

/// A POSIX semaphore, for the few places a synchronous caller must wait for the loop.
final class Semaphore: @unchecked Sendable {  // sem_t is thread-safe
    private let semaphore: UnsafeMutablePointer<sem_t>

    init() {
        semaphore = .allocate(capacity: 1)
        sem_init(semaphore, 0, 0)
    }

    deinit {
        sem_destroy(semaphore)
        semaphore.deallocate()
    }

    func signal() { sem_post(semaphore) }

    func wait() {
        while sem_wait(semaphore) != 0 {}
    }
}
