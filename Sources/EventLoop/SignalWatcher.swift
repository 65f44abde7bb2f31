internal import CUV

#if canImport(Glibc)
    internal import Glibc
#endif

/// Delivers a POSIX signal (SIGTERM, SIGINT) as a callback on the loop thread.
public final class SignalWatcher {
    private let handle: UnsafeMutablePointer<uv_signal_t>
    private var callback: (() -> Void)?
    private var isClosed = false

    public init(loop: EventLoop, signal: Int32, _ callback: @escaping () -> Void) {
        loop.assertInEventLoop()
        // A process started by a thread that blocks signals (Foundation's Process from a dispatch
        // thread does) inherits the mask, and a blocked signal would never reach libuv's handler:
        // the server would ignore SIGTERM. What we watch, we unblock.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        sigaddset(&unblocked, signal)
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
        self.callback = callback
        handle = .allocate(capacity: 1)
        uv_signal_init(loop.loop, handle)
        handle.pointee.data = Unmanaged.passRetained(self).toOpaque()
        uv_signal_start(
            handle,
            { handle, _ in
                Unmanaged<SignalWatcher>.fromOpaque(handle!.pointee.data).takeUnretainedValue().callback?()
            }, signal)
        // A signal watcher alone must not keep the loop running.
        uv_unref(UnsafeMutablePointer(OpaquePointer(handle)))
    }

    public func close() {
        guard !isClosed else { return }
        isClosed = true
        callback = nil
        uv_close(UnsafeMutablePointer(OpaquePointer(handle))) { handle in
            let watcher = Unmanaged<SignalWatcher>.fromOpaque(handle!.pointee.data)
            watcher.takeUnretainedValue().handle.deallocate()
            watcher.release()
        }
    }
}
