import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// An ``EventLoop`` running on a thread of its own, for code that is not itself a loop's owner:
/// gRPC clients, tests. ``shutDown()`` stops the loop, closes it and joins the thread.
public final class EventLoopThread: Sendable {
    public let loop: EventLoop
    private let thread: Mutex<pthread_t?>
    private let box: LoopBox

    public init() {
        // The loop is created on its own thread so that it belongs to that thread from the start.
        let box = LoopBox()
        var thread = pthread_t()
        let context = Unmanaged.passRetained(box).toOpaque()
        let status = pthread_create(
            &thread, nil,
            { context in
                let box = Unmanaged<LoopBox>.fromOpaque(context!).takeRetainedValue()
                let loop = EventLoop()
                box.publish(loop)
                loop.run(untilStopped: true)
                // Let close callbacks of handles closed during stop run, then close the loop.
                box.closedCleanly = loop.close()
                return nil
            }, context)
        precondition(status == 0, "pthread_create failed: \(status)")
        self.loop = box.wait()
        self.thread = Mutex(thread)
        self.box = box
    }

    /// Stops the loop after its pending work and waits for the thread to end. Returns false if
    /// the loop still had open handles (a leak: every handle must be closed before this).
    @discardableResult
    public func shutDown() -> Bool {
        let running = thread.withLock { current -> pthread_t? in
            defer { current = nil }
            return current
        }
        if let running {
            loop.stop()
            pthread_join(running, nil)
        }
        return box.closedCleanly
    }

    deinit {
        shutDown()
    }
}

/// Hands the loop created on the new thread back to the creating one.
private final class LoopBox: @unchecked Sendable {  // guarded by the semaphore
    private var loop: EventLoop?
    private var semaphore = sem_t()
    /// Written by the loop thread before it ends; read after joining it.
    var closedCleanly = false

    init() { sem_init(&semaphore, 0, 0) }

    func publish(_ loop: EventLoop) {
        self.loop = loop
        sem_post(&semaphore)
    }

    func wait() -> EventLoop {
        while sem_wait(&semaphore) != 0 {}
        return loop!
    }
}
