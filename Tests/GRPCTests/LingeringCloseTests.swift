import EventLoop
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `closeLingering(atMost:)`: what a server says last reaches a peer that is still sending, and
/// the connection is gone by the bound even if the peer never closes.
@Suite struct LingeringCloseTests {
    @Test func aPeerStillSendingReadsOurLastBytesAndThenAnOrderlyEnd() async throws {
        let server = try await ByeServer.start(lingerMilliseconds: 5000)
        let client = try BlockingClient(port: server.port)
        // The server answers the first bytes and closes; we go on sending 4 MiB it never reads.
        // Closed at once, its socket would hold unread bytes and the kernel would reset the
        // connection: this send or the read below would fail with ECONNRESET or EPIPE.
        let flood = [UInt8](repeating: 0x5A, count: 64 << 10)
        for _ in 0..<64 {
            #expect(client.sendAll(flood) == nil, "the server drains what we send while it lingers")
        }
        let (received, error) = client.readToEnd()
        #expect(error == nil, "an orderly end (FIN), not a reset")
        #expect(String(decoding: received, as: UTF8.self) == ByeServer.lastWords)
        client.close()
        #expect(await server.stop())
    }

    @Test func aPeerThatNeverClosesIsDroppedAtTheBound() async throws {
        let server = try await ByeServer.start(lingerMilliseconds: 200)
        let client = try BlockingClient(port: server.port)
        #expect(client.sendAll([1, 2, 3]) == nil)
        // The client neither reads nor closes; the server's handle must still go.
        var handles = Int.max
        for _ in 0..<100 {
            try await Task.sleep(for: .milliseconds(50))
            handles = await server.openHandles()
            if handles == 1 { break }
        }
        #expect(handles == 1, "only the listener is left once the linger has passed")
        client.close()
        #expect(await server.stop())
    }
}

/// A TCP server that answers a connection's first bytes with ``lastWords`` and lingers.
private final class ByeServer: @unchecked Sendable {  // listener touched on the loop thread only
    static let lastWords = "goodbye: GOAWAY would go here"
    let thread = EventLoopThread()
    private(set) var port = 0
    private var listener: TCPListener?

    static func start(lingerMilliseconds: UInt64) async throws -> ByeServer {
        let server = ByeServer()
        let loop = server.thread.loop
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            loop.execute {
                do {
                    let address = try SocketAddress(host: "127.0.0.1", port: 0)
                    let listener = try TCPListener(loop: loop, address: address) { connection in
                        connection.onRead = { [unowned connection] _ in
                            Array(Self.lastWords.utf8).withUnsafeBytes { _ = connection.write($0) }
                            connection.closeLingering(atMost: lingerMilliseconds)
                        }
                        connection.startReading()
                    }
                    server.listener = listener
                    server.port = listener.localAddress.port
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
        return server
    }

    func openHandles() async -> Int {
        await withCheckedContinuation { continuation in
            thread.loop.execute { [self] in continuation.resume(returning: thread.loop.openHandleCount) }
        }
    }

    /// Closes the listener; true if the loop then ends with no handle left open.
    func stop() async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            thread.loop.execute { [self] in
                listener?.close()
                listener = nil
                continuation.resume()
            }
        }
        return thread.shutDown()
    }
}

/// A plain blocking socket: the peer a kernel reset would hurt, with no event loop of its own.
private struct BlockingClient {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard status == 0 else { throw POSIXFailure(call: "connect", code: errno) }
    }

    /// Sends every byte; the errno of the first failure, if any (no SIGPIPE either way).
    func sendAll(_ bytes: [UInt8]) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 { return errno }
            offset += sent
        }
        return nil
    }

    /// Everything until the end of the stream, and the errno if it ended in a failure instead.
    func readToEnd() -> ([UInt8], Int32?) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if count == 0 { return (received, nil) }
            if count < 0 { return (received, errno) }
            received += buffer[0..<count]
        }
    }

    func close() { _ = Glibc.close(fd) }
}

private struct POSIXFailure: Error {
    let call: String
    let code: Int32
}
