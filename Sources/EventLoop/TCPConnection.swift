internal import CUV

#if canImport(Glibc)
    import Glibc
#endif

/// One TCP connection on the loop thread. Reads are delivered as they arrive, in one reusable
/// buffer; writes try to go out at once (`uv_try_write`) and queue only what the kernel refused.
public final class TCPConnection {
    public let loop: EventLoop
    let handle: UnsafeMutablePointer<uv_tcp_t>
    private var readBuffer: UnsafeMutableRawBufferPointer
    private var isClosed = false
    private var pendingWrites = 0
    /// Set by ``closeLingering(atMost:)``: our side is shut, what the peer sends is dropped.
    private var isLingering = false
    private var lingerTimer: LoopTimer?

    /// Called with each chunk of received bytes; the buffer is only valid during the call.
    public var onRead: ((UnsafeRawBufferPointer) -> Void)?
    /// Called once when the peer closes (nil) or the connection fails; then call ``close()``.
    public var onEnd: ((SystemError?) -> Void)?
    /// Called when every queued write has been handed to the kernel.
    public var onWritesDrained: (() -> Void)?

    public private(set) var peer: SocketAddress?
    public private(set) var local: SocketAddress?

    init(loop: EventLoop, readBufferSize: Int = 64 * 1024) {
        self.loop = loop
        handle = .allocate(capacity: 1)
        uv_tcp_init(loop.loop, handle)
        readBuffer = .allocate(byteCount: readBufferSize, alignment: 16)
        handle.pointee.data = Unmanaged.passRetained(self).toOpaque()
    }

    var stream: UnsafeMutablePointer<uv_stream_t> { UnsafeMutablePointer(OpaquePointer(handle)) }

    func didConnect() {
        uv_tcp_nodelay(handle, 1)
        peer = try? Self.address(of: handle, peer: true)
        local = try? Self.address(of: handle, peer: false)
    }

    /// Connects to `address`; `completion` runs on the loop thread.
    public static func connect(
        loop: EventLoop, to address: SocketAddress,
        completion: @escaping (Result<TCPConnection, SystemError>) -> Void
    ) {
        loop.assertInEventLoop()
        let connection = TCPConnection(loop: loop)
        let request = UnsafeMutablePointer<uv_connect_t>.allocate(capacity: 1)
        let context = ConnectContext(connection: connection, address: address, completion: completion)
        request.pointee.data = Unmanaged.passRetained(context).toOpaque()
        let status = address.withSockAddr { sockaddr in
            uv_tcp_connect(request, connection.handle, sockaddr) { request, status in
                let context = Unmanaged<ConnectContext>.fromOpaque(request!.pointee.data).takeRetainedValue()
                request!.deallocate()
                context.finish(status)
            }
        }
        if status < 0 {
            Unmanaged<ConnectContext>.fromOpaque(request.pointee.data).release()
            request.deallocate()
            connection.close()
            completion(.failure(SystemError(status, "connect to \(address)")))
        }
    }

    private final class ConnectContext {
        let connection: TCPConnection
        let address: SocketAddress
        let completion: (Result<TCPConnection, SystemError>) -> Void
        init(
            connection: TCPConnection, address: SocketAddress,
            completion: @escaping (Result<TCPConnection, SystemError>) -> Void
        ) {
            self.connection = connection
            self.address = address
            self.completion = completion
        }
        func finish(_ status: Int32) {
            if status < 0 {
                connection.close()
                completion(.failure(SystemError(status, "connect to \(address)")))
            } else {
                connection.didConnect()
                completion(.success(connection))
            }
        }
    }

    /// Starts delivering reads to ``onRead``.
    public func startReading() {
        guard !isClosed, !isLingering else { return }
        readStart()
    }

    private func readStart() {
        uv_read_start(
            stream,
            { handle, _, buffer in
                let connection = Unmanaged<TCPConnection>.fromOpaque(handle!.pointee.data).takeUnretainedValue()
                buffer!.pointee = uv_buf_init(
                    connection.readBuffer.baseAddress!.assumingMemoryBound(to: CChar.self),
                    UInt32(connection.readBuffer.count))
            },
            { stream, count, _ in
                let connection = Unmanaged<TCPConnection>.fromOpaque(stream!.pointee.data).takeUnretainedValue()
                connection.didRead(count)
            })
    }

    /// Stops reading: the kernel buffers, then TCP flow control pushes back on the peer.
    public func stopReading() {
        guard !isClosed, !isLingering else { return }
        uv_read_stop(stream)
    }

    private func didRead(_ count: Int) {
        if count > 0 {
            onRead?(UnsafeRawBufferPointer(rebasing: readBuffer[0..<count]))
        } else if count < 0 {
            uv_read_stop(stream)
            if isLingering {
                close()
                return
            }
            let error = SystemError(Int32(count), "read from \(peer.map(String.init(describing:)) ?? "peer")")
            onEnd?(error.isEndOfFile ? nil : error)
        }
    }

    /// Bytes handed to libuv but not yet to the kernel.
    public private(set) var queuedWriteBytes = 0

    /// Writes `bytes`. Returns false if the connection is closed or failed.
    @discardableResult
    public func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard !isClosed, !isLingering else { return false }
        guard !bytes.isEmpty else { return true }
        var offset = 0
        if pendingWrites == 0 {
            // Most writes fit in the socket buffer: no request, no callback, no copy.
            var buffer = uv_buf_init(
                UnsafeMutablePointer(mutating: bytes.baseAddress!.assumingMemoryBound(to: CChar.self)),
                UInt32(bytes.count))
            let written = uv_try_write(stream, &buffer, 1)
            if written == Int32(bytes.count) { return true }
            if written > 0 {
                offset = Int(written)
            } else if written != UV_EAGAIN.rawValue {
                return false
            }
        }
        let remainder = UnsafeRawBufferPointer(rebasing: bytes[offset...])
        let request = WriteRequest(copying: remainder)
        let status = request.submit(on: stream)
        if status < 0 { return false }
        pendingWrites += 1
        queuedWriteBytes += remainder.count
        return true
    }

    fileprivate func writeDidComplete(bytes: Int) {
        pendingWrites -= 1
        queuedWriteBytes -= bytes
        if pendingWrites == 0 { onWritesDrained?() }
    }

    /// Closes the connection once queued writes have been handed over; safe to call twice.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        onRead = nil
        lingerTimer?.close()
        lingerTimer = nil
        uv_close(UnsafeMutablePointer(OpaquePointer(handle))) { handle in
            let connection = Unmanaged<TCPConnection>.fromOpaque(handle!.pointee.data)
            let object = connection.takeUnretainedValue()
            object.handle.deallocate()
            object.readBuffer.deallocate()
            object.onEnd = nil
            object.onWritesDrained = nil
            connection.release()
        }
    }

    /// Closes after our last words have reached the peer: queued writes go out, then our FIN,
    /// and whatever the peer still sends is read and dropped until it closes too or `milliseconds`
    /// pass. Closing at once with the peer's bytes unread makes the kernel answer with RST, and a
    /// peer that gets RST may throw away what it had received and not yet read: the GOAWAY saying
    /// why we closed (RFC 9113 §6.8 asks the sender of a GOAWAY to let it arrive). A client that
    /// floods us is exactly the one with bytes in flight.
    public func closeLingering(atMost milliseconds: UInt64) {
        guard !isClosed, !isLingering else { return }
        isLingering = true
        onRead = nil
        let request = UnsafeMutablePointer<uv_shutdown_t>.allocate(capacity: 1)
        // Unretained: libuv completes a shutdown (with ECANCELED if need be) before it calls the
        // close callback that releases us.
        request.pointee.data = Unmanaged.passUnretained(self).toOpaque()
        let status = uv_shutdown(request, stream) { request, status in
            let connection = Unmanaged<TCPConnection>.fromOpaque(request!.pointee.data).takeUnretainedValue()
            request!.deallocate()
            if status < 0 { connection.close() }
        }
        guard status >= 0 else {
            request.deallocate()
            close()
            return
        }
        // Reading may have been paused for backpressure; the peer's bytes must be drained now.
        readStart()
        let timer = LoopTimer(loop: loop)
        timer.start(after: milliseconds) { [unowned self] in close() }
        lingerTimer = timer
    }

    public var isOpen: Bool { !isClosed && !isLingering }

    static func address(of handle: UnsafeMutablePointer<uv_tcp_t>, peer: Bool) throws(SystemError) -> SocketAddress {
        var storage = sockaddr_storage()
        var length = Int32(MemoryLayout<sockaddr_storage>.size)
        let status = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                peer ? uv_tcp_getpeername(handle, $0, &length) : uv_tcp_getsockname(handle, $0, &length)
            }
        }
        try check(status, peer ? "getpeername" : "getsockname")
        return SocketAddress(storage: storage)
    }
}

/// A queued write: owns a copy of the bytes until libuv reports them written.
private final class WriteRequest {
    let request: UnsafeMutablePointer<uv_write_t>
    let bytes: UnsafeMutableRawBufferPointer

    init(copying source: UnsafeRawBufferPointer) {
        request = .allocate(capacity: 1)
        bytes = .allocate(byteCount: source.count, alignment: 1)
        bytes.copyMemory(from: source)
    }

    func submit(on stream: UnsafeMutablePointer<uv_stream_t>) -> Int32 {
        request.pointee.data = Unmanaged.passRetained(self).toOpaque()
        var buffer = uv_buf_init(bytes.baseAddress!.assumingMemoryBound(to: CChar.self), UInt32(bytes.count))
        let status = uv_write(request, stream, &buffer, 1) { request, _ in
            let this = Unmanaged<WriteRequest>.fromOpaque(request!.pointee.data).takeRetainedValue()
            let connection = Unmanaged<TCPConnection>.fromOpaque(request!.pointee.handle.pointee.data)
            connection.takeUnretainedValue().writeDidComplete(bytes: this.bytes.count)
        }
        if status < 0 { Unmanaged.passUnretained(self).release() }
        return status
    }

    deinit {
        request.deallocate()
        bytes.deallocate()
    }
}
