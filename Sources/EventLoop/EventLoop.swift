internal import CUV
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// One libuv loop on one thread. Everything that touches a handle runs on that thread; other threads
/// hand it work through ``execute(_:)`` (the only cross-thread path, built on `uv_async_send`).
///
/// The loop is also a Swift `TaskExecutor`: a task started with this loop as its executor
/// preference runs its nonisolated async code on the loop thread, so a gRPC handler that does not
/// suspend finishes within the loop turn that delivered its request, with no thread hop.
public final class EventLoop: @unchecked Sendable {  // state is confined to the loop thread, except `remote`
    let loop: UnsafeMutablePointer<uv_loop_t>
    private let wakeup: UnsafeMutablePointer<uv_async_t>
    private let check: UnsafeMutablePointer<uv_check_t>
    private let idle: UnsafeMutablePointer<uv_idle_t>

    private enum Work {
        case job(UnownedJob)
        case closure(() -> Void)
    }

    /// Work handed over by other threads, and whether the loop still accepts it. The wakeup is
    /// sent under the lock, so `close` (which flips `accepting` under it before freeing the
    /// handle) can never race a sender into a freed uv_async_t.
    private let remote = Mutex(RemoteQueue())

    /// What another thread may hand over: only Sendable work crosses threads.
    private enum RemoteWork: Sendable {
        case job(UnownedJob)
        case closure(@Sendable () -> Void)
    }

    private struct RemoteQueue {
        var work: [Work] = []
        var accepting = true
    }
    private var local: [Work] = []
    private var spare: [Work] = []
    private var endOfTurn: [() -> Void] = []
    private var spareEndOfTurn: [() -> Void] = []
    private var idleRunning = false
    private var draining = false
    private var owner: pthread_t
    private var closed = false

    public init() {
        // A write to a socket the peer has closed must fail with EPIPE, not kill the process.
        signal(SIGPIPE, SIG_IGN)
        loop = .allocate(capacity: 1)
        precondition(uv_loop_init(loop) == 0, "uv_loop_init failed")
        wakeup = .allocate(capacity: 1)
        check = .allocate(capacity: 1)
        idle = .allocate(capacity: 1)
        owner = pthread_self()
        let context = Unmanaged.passUnretained(self).toOpaque()
        uv_async_init(loop, wakeup) { handle in EventLoop.from(handle!.pointee.data).drain() }
        uv_check_init(loop, check)
        uv_idle_init(loop, idle)
        wakeup.pointee.data = context
        check.pointee.data = context
        idle.pointee.data = context
        uv_check_start(check) { handle in EventLoop.from(handle!.pointee.data).drain() }
        // The loop's own handles must not keep it alive; listeners, connections and timers do, so
        // `run()` returns once a server has shut down and closed them.
        uv_unref(UnsafeMutablePointer<uv_handle_t>(OpaquePointer(check)))
        uv_unref(UnsafeMutablePointer<uv_handle_t>(OpaquePointer(wakeup)))
    }

    deinit {
        // An unclosed loop (open handles: a leak, reported by close() returning false) keeps its
        // memory; freeing it under libuv would be worse.
        _ = closed
    }

    static func from(_ pointer: UnsafeMutableRawPointer?) -> EventLoop {
        Unmanaged<EventLoop>.fromOpaque(pointer!).takeUnretainedValue()
    }

    /// True on the thread running the loop (or, before `run()`, the thread that created it).
    public var inEventLoop: Bool { pthread_equal(pthread_self(), owner) != 0 }

    /// Asserts, in debug builds, that the caller is on the loop thread.
    @inline(__always)
    public func assertInEventLoop(file: StaticString = #fileID, line: UInt = #line) {
        assert(inEventLoop, "must be called on the event loop thread", file: file, line: line)
    }

    /// Runs the loop on the calling thread until ``stop()`` or, unless `untilStopped`, until
    /// nothing keeps it alive (a server returns from `run()` once it has shut down).
    public func run(untilStopped: Bool = false) {
        owner = pthread_self()
        if untilStopped { uv_ref(UnsafeMutablePointer<uv_handle_t>(OpaquePointer(wakeup))) }
        uv_run(loop, UV_RUN_DEFAULT)
        if untilStopped { uv_unref(UnsafeMutablePointer<uv_handle_t>(OpaquePointer(wakeup))) }
    }

    /// Makes ``run()`` return after the current turn. Callable from any thread.
    public func stop() {
        execute { [self] in uv_stop(self.loop) }
    }

    /// Runs `work` on the loop thread, soon. Callable from any thread.
    public func execute(_ work: @escaping @Sendable () -> Void) {
        if inEventLoop {
            schedule(.closure(work))
        } else {
            submitFromOtherThread(.closure(work))
        }
    }

    /// Runs `work` on the loop thread later in this turn, before output is flushed. Loop thread only.
    public func executeInTurn(_ work: @escaping () -> Void) {
        assertInEventLoop()
        schedule(.closure(work))
    }

    /// Runs `work` once the current turn's jobs have run: used to write each connection's output
    /// once per turn, however many responses were produced. Loop thread only.
    public func atEndOfTurn(_ work: @escaping () -> Void) {
        assertInEventLoop()
        endOfTurn.append(work)
        keepTurnGoing()
    }

    /// Work from another thread after `close` is dropped: the loop is gone and nothing can run
    /// on it. What reaches a closed loop is late clean-up (a cancel from a task that outlived
    /// its channel), and dropping it beats touching freed libuv handles.
    private func submitFromOtherThread(_ work: RemoteWork) {
        remote.withLock { queue in
            guard queue.accepting else { return }
            switch work {
            case .job(let job): queue.work.append(.job(job))
            case .closure(let closure): queue.work.append(.closure(closure))
            }
            uv_async_send(wakeup)
        }
    }

    private func schedule(_ work: Work) {
        local.append(work)
        keepTurnGoing()
    }

    /// An active idle handle makes the next poll non-blocking, so the check phase runs promptly.
    private func keepTurnGoing() {
        if !idleRunning && !draining {
            idleRunning = true
            uv_idle_start(idle) { _ in }
        }
    }

    private func drain() {
        if draining { return }
        draining = true
        defer { draining = false }
        let fromOtherThreads = remote.withLock { queue -> RemoteQueue in
            defer { queue.work.removeAll(keepingCapacity: true) }
            return queue
        }.work
        local.append(contentsOf: fromOtherThreads)
        while !local.isEmpty || !endOfTurn.isEmpty {
            while !local.isEmpty {
                swap(&local, &spare)
                for work in spare {
                    switch work {
                    case .job(let job): job.runSynchronously(on: asUnownedTaskExecutor())
                    case .closure(let closure): closure()
                    }
                }
                spare.removeAll(keepingCapacity: true)
            }
            swap(&endOfTurn, &spareEndOfTurn)
            for work in spareEndOfTurn { work() }
            spareEndOfTurn.removeAll(keepingCapacity: true)
        }
        if idleRunning {
            idleRunning = false
            uv_idle_stop(idle)
        }
    }

    /// Milliseconds on the loop's cached clock.
    public var now: UInt64 { uv_now(loop) }

    /// Closes the loop's own handles and the loop. Every other handle must already be closed;
    /// returns false (and leaves the loop open) if some are still open, which is a leak.
    @discardableResult
    public func close() -> Bool {
        assertInEventLoop()
        precondition(!closed)
        remote.withLock { $0.accepting = false }
        for handle in [
            UnsafeMutablePointer<uv_handle_t>(OpaquePointer(wakeup)),
            UnsafeMutablePointer<uv_handle_t>(OpaquePointer(check)),
            UnsafeMutablePointer<uv_handle_t>(OpaquePointer(idle)),
        ] {
            uv_close(handle, nil)
        }
        // Let the close callbacks run (NOWAIT: a leaked active handle must not block us here).
        uv_run(loop, UV_RUN_NOWAIT)
        drain()
        guard uv_loop_close(loop) == 0 else { return false }
        wakeup.deallocate()
        check.deallocate()
        idle.deallocate()
        loop.deallocate()
        closed = true
        return true
    }

    /// The number of handles libuv still knows about, for leak checks in tests.
    public var openHandleCount: Int {
        var count = 0
        withUnsafeMutablePointer(to: &count) { pointer in
            uv_walk(loop, { _, arg in arg!.assumingMemoryBound(to: Int.self).pointee += 1 }, pointer)
        }
        return count - 3  // the loop's own wakeup, check and idle handles
    }
}

extension EventLoop: TaskExecutor {
    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        if inEventLoop {
            schedule(.job(job))
        } else {
            submitFromOtherThread(.job(job))
        }
    }
}
