internal import CUV

/// A listening TCP socket. Each accepted connection is handed to `onConnection` on the loop thread.
public final class TCPListener {
    public let loop: EventLoop
    private let handle: UnsafeMutablePointer<uv_tcp_t>
    private let onConnection: (TCPConnection) -> Void
    private var isClosed = false
    /// The address actually bound (port 0 becomes the kernel's choice).
    public private(set) var localAddress: SocketAddress

    public init(
        loop: EventLoop, address: SocketAddress, backlog: Int32 = 1024,
        onConnection: @escaping (TCPConnection) -> Void
    ) throws(SystemError) {
        loop.assertInEventLoop()
        self.loop = loop
        self.onConnection = onConnection
        self.localAddress = address
        handle = .allocate(capacity: 1)
        uv_tcp_init(loop.loop, handle)
        // Retained while libuv holds the handle; released in the close callback.
        handle.pointee.data = Unmanaged.passRetained(self).toOpaque()
        do {
            let flags = address.isIPv6 ? UInt32(UV_TCP_IPV6ONLY.rawValue) : 0
            try check(address.withSockAddr { uv_tcp_bind(handle, $0, flags) }, "bind \(address)")
            try check(
                uv_listen(stream, backlog) { server, status in
                    let listener = Unmanaged<TCPListener>.fromOpaque(server!.pointee.data).takeUnretainedValue()
                    if status >= 0 { listener.accept() }
                }, "listen on \(address)")
            localAddress = try TCPConnection.address(of: handle, peer: false)
        } catch {
            close()
            throw error
        }
    }

    private var stream: UnsafeMutablePointer<uv_stream_t> { UnsafeMutablePointer(OpaquePointer(handle)) }

    private func accept() {
        let connection = TCPConnection(loop: loop)
        if uv_accept(stream, connection.stream) == 0 {
            connection.didConnect()
            onConnection(connection)
        } else {
            connection.close()
        }
    }

    /// Stops accepting. Existing connections are not affected.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        uv_close(UnsafeMutablePointer(OpaquePointer(handle))) { handle in
            let listener = Unmanaged<TCPListener>.fromOpaque(handle!.pointee.data)
            listener.takeUnretainedValue().handle.deallocate()
            listener.release()
        }
    }
}
