internal import CUV

/// A libuv timer on the loop thread. Used for deadlines, keepalive pings and idle timeouts.
public final class LoopTimer {
    private let handle: UnsafeMutablePointer<uv_timer_t>
    private var callback: (() -> Void)?
    private var isClosed = false

    public init(loop: EventLoop) {
        loop.assertInEventLoop()
        handle = .allocate(capacity: 1)
        uv_timer_init(loop.loop, handle)
        handle.pointee.data = Unmanaged.passRetained(self).toOpaque()
    }

    /// Fires `callback` after `milliseconds`, then every `repeatMilliseconds` if non-zero.
    /// Restarting replaces the previous schedule.
    public func start(
        after milliseconds: UInt64, repeat repeatMilliseconds: UInt64 = 0, _ callback: @escaping () -> Void
    ) {
        guard !isClosed else { return }
        self.callback = callback
        uv_timer_start(
            handle,
            { handle in
                Unmanaged<LoopTimer>.fromOpaque(handle!.pointee.data).takeUnretainedValue().callback?()
            }, milliseconds, repeatMilliseconds)
    }

    public func stop() {
        guard !isClosed else { return }
        uv_timer_stop(handle)
    }

    /// Stops the timer and releases it once libuv is done with the handle.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        callback = nil
        uv_close(UnsafeMutablePointer(OpaquePointer(handle))) { handle in
            let timer = Unmanaged<LoopTimer>.fromOpaque(handle!.pointee.data)
            timer.takeUnretainedValue().handle.deallocate()
            timer.release()
        }
    }
}
