import EventLoop
import GRPCCore
import HTTP2

/// One client connection: TCP bytes in, nghttp2 in the middle, gRPC calls out. Output is written
/// once per loop turn, however many calls produced something in it.
final class ServerConnection: HTTP2SessionDelegate {
    let loop: EventLoop
    let tcp: any ByteStream
    let session: HTTP2Session
    private unowned let server: Server
    private var calls: [Int32: ServerCall] = [:]
    private let output: OutputPump
    private var sawFirstBytes = false
    private(set) var isClosed = false
    private let peer: String

    /// Loop-clock milliseconds of the last frame received, for keepalive and idle checks.
    private(set) var lastActivity: UInt64
    private(set) var lastCallEnded: UInt64
    private var pingSentAt: UInt64?
    private var goingAway = false

    /// Unsent output (queued in nghttp2 or waiting for the kernel) above which writers wait.
    private let maxQueuedOutputBytes: Int
    /// Calls waiting for the unsent output to fall below the bound, first come first served.
    private var outputWaiters: [ServerCall] = []
    /// The waiter let through last, until it has queued its message: one at a time, so the bound
    /// is overshot by one message at most, not by one per waiter.
    private var admittedWriter: ServerCall?
    /// The most unsent output held at once: what closing the connection gives back to the heap.
    private(set) var peakQueuedOutputBytes = 0

    init(server: Server, tcp: any ByteStream) {
        self.server = server
        self.loop = tcp.loop
        self.tcp = tcp
        self.peer = tcp.peer.map(String.init(describing:)) ?? "in-process"
        self.session = HTTP2Session(role: .server, settings: server.sessionSettings)
        self.output = OutputPump(session: session, stream: tcp)
        self.lastActivity = tcp.loop.now
        self.lastCallEnded = tcp.loop.now
        self.maxQueuedOutputBytes = server.configuration.maxQueuedOutputBytesPerConnection
        session.delegate = self
        tcp.onRead = { [unowned self] bytes in self.didRead(bytes) }
        tcp.onEnd = { [unowned self] _ in self.close() }
        output.afterFlush = { [unowned self] in
            admitWaitingWriters()
            for call in calls.values { call.outputDrained() }
            if !session.isActive { close(lingering: true) }
        }
        output.onWriteFailure = { [unowned self] in close() }
        tcp.startReading()
        // Our SETTINGS go out with the first answer, after the client's first bytes: an HTTP/1
        // client then sees only its 505 (RFC 9113 lets the server preface wait for the client's).
    }

    var activeCallCount: Int { calls.count }

    private func didRead(_ bytes: UnsafeRawBufferPointer) {
        lastActivity = loop.now
        if !sawFirstBytes {
            sawFirstBytes = true
            if Self.looksLikeHTTP1(bytes) {
                rejectHTTP1()
                return
            }
        }
        do {
            try session.receive(bytes)
        } catch {
            // nghttp2 has queued a GOAWAY explaining the problem where the protocol allows one.
            output.flush()
            close(lingering: true)
            return
        }
        scheduleFlush()
    }

    /// An HTTP/1.x request line instead of the HTTP/2 preface (`PRI * HTTP/2.0`).
    private static func looksLikeHTTP1(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let methods = ["GET ", "POST ", "PUT ", "HEAD ", "DELETE ", "OPTIONS ", "PATCH ", "CONNECT "]
        return methods.contains { method in
            let prefix = Array(method.utf8)
            return bytes.count >= prefix.count && zip(bytes, prefix).allSatisfy { $0 == $1 }
        }
    }

    private func rejectHTTP1() {
        let body = "This is a gRPC server: it speaks HTTP/2 (h2c with prior knowledge) only.\n"
        let response =
            "HTTP/1.1 505 HTTP Version Not Supported\r\nContent-Type: text/plain\r\n"
            + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        Array(response.utf8).withUnsafeBytes { _ = tcp.write($0) }
        close(lingering: true)
    }

    func scheduleFlush() {
        guard !isClosed else { return }
        output.schedule()
    }

    // MARK: The bound on unsent output

    /// Response bytes accepted from handlers that the peer has not received: queued in nghttp2
    /// (waiting for flow-control window or for the pump) or handed to the socket and not yet
    /// taken by the kernel.
    var queuedOutputBytes: Int { session.queuedBodyBytes + tcp.queuedWriteBytes }

    /// Whether `call` may queue a message now. If not, the call is put in line and waits until
    /// ``ServerCall/outputRoomAvailable()`` (or its end).
    func requestOutputRoom(for call: ServerCall) -> Bool {
        if outputWaiters.isEmpty && admittedWriter == nil && queuedOutputBytes < maxQueuedOutputBytes { return true }
        outputWaiters.append(call)
        return false
    }

    /// `call` has queued a message, or given up the room it was let through for.
    func outputQueued(by call: ServerCall) {
        peakQueuedOutputBytes = max(peakQueuedOutputBytes, queuedOutputBytes)
        guard admittedWriter === call else { return }
        admittedWriter = nil
        admitWaitingWriters()
    }

    /// `call` has ended: it no longer waits, and room it was let through for goes to the next.
    func outputWriterEnded(_ call: ServerCall) {
        outputWaiters.removeAll { $0 === call }
        outputQueued(by: call)
    }

    private func admitWaitingWriters() {
        while !isClosed, admittedWriter == nil, !outputWaiters.isEmpty, queuedOutputBytes < maxQueuedOutputBytes {
            let call = outputWaiters.removeFirst()
            if call.outputRoomAvailable() { admittedWriter = call }
        }
    }

    // MARK: HTTP2SessionDelegate

    func session(
        _ session: HTTP2Session, didReceiveHeaders headers: [HeaderField], stream: Int32, isTrailers: Bool,
        endStream: Bool
    ) {
        if isTrailers {
            // Clients send no trailers in gRPC; treat them as the end of the request.
            if endStream { calls[stream]?.endOfInput() }
            return
        }
        let head: RequestHead
        do {
            head = try RequestHead(headerFields: headers.map { (name: $0.name, value: $0.value) })
        } catch {
            reject(stream: stream, error)
            return
        }
        guard let method = server.router[head.path] else {
            let service = head.path.split(separator: "/").first.map(String.init) ?? ""
            let known = server.router.keys.contains { $0.hasPrefix("/\(service)/") }
            let message = known ? "unknown method \(head.path)" : "unknown service \(service)"
            respondTrailersOnly(stream: stream, status: Status(code: .unimplemented, message: message))
            return
        }
        let call = ServerCall(
            stream: stream, method: method, head: head, peer: peer, connection: self,
            maxReceiveMessageSize: server.configuration.maxReceiveMessageSize,
            observer: server.configuration.callObserver)
        calls[stream] = call
        if endStream { call.endOfInput() }
        call.start()
    }

    func session(_ session: HTTP2Session, didReceiveData data: UnsafeRawBufferPointer, stream: Int32) {
        if let call = calls[stream] {
            call.receive(data)
        } else {
            session.consume(stream: stream, bytes: data.count)
        }
    }

    func session(_ session: HTTP2Session, didReceiveEndOfStream stream: Int32) {
        calls[stream]?.endOfInput()
    }

    func session(_ session: HTTP2Session, streamDidClose stream: Int32, errorCode: UInt32) {
        if let call = calls.removeValue(forKey: stream) {
            call.streamClosed(errorCode: errorCode)
            if calls.isEmpty { lastCallEnded = loop.now }
        }
        // What the stream still had queued is gone: room for writers waiting on other streams.
        admitWaitingWriters()
    }

    func session(_ session: HTTP2Session, didSendEndOfStream stream: Int32) {
        calls[stream]?.didSendEndOfStream()
    }

    func sessionDidReceivePingAck(_ session: HTTP2Session) {
        pingSentAt = nil
        if goingAway {
            // The client has seen our first GOAWAY; now name the last stream we will serve.
            session.submitGoAway()
            scheduleFlush()
        }
    }

    // MARK: Errors before a call exists

    private func reject(stream: Int32, _ error: RequestHeadError) {
        if error.httpStatus != 200 {
            // Not gRPC at all (e.g. wrong content-type): an HTTP error, with a gRPC status for
            // clients that look for one.
            let headers = [
                HeaderField(":status", String(error.httpStatus)),
                HeaderField("content-type", "application/grpc"),
                HeaderField("grpc-status", String(error.rpcError.code.rawValue)),
                HeaderField("grpc-message", PercentEncoding.encode(error.rpcError.message)),
            ]
            session.submitResponse(stream: stream, headers: headers, endStream: true)
            scheduleFlush()
            return
        }
        respondTrailersOnly(stream: stream, status: error.rpcError.status)
    }

    private func respondTrailersOnly(stream: Int32, status: Status) {
        var headers = [
            HeaderField(":status", "200"),
            HeaderField("content-type", "application/grpc"),
            HeaderField("grpc-status", String(status.code.rawValue)),
            HeaderField("grpc-accept-encoding", Compression.acceptEncoding),
        ]
        if !status.message.isEmpty {
            headers.append(HeaderField("grpc-message", PercentEncoding.encode(status.message)))
        }
        session.submitResponse(stream: stream, headers: headers, endStream: true)
        scheduleFlush()
    }

    // MARK: Lifecycle

    /// Keepalive and idle checks, run by the server's housekeeping timer.
    func tick(now: UInt64, configuration: Server.Configuration) {
        if let sent = pingSentAt, now - sent > configuration.keepaliveTimeoutMilliseconds {
            // The peer stopped answering: it is gone, whatever TCP thinks.
            close()
            return
        }
        if calls.isEmpty, let idle = configuration.idleTimeoutMilliseconds,
            now - max(lastCallEnded, lastActivity) > idle
        {
            beginShutdown()
            return
        }
        if pingSentAt == nil, now - lastActivity > configuration.keepaliveIntervalMilliseconds {
            pingSentAt = now
            session.submitPing()
            scheduleFlush()
        }
    }

    /// Graceful: GOAWAY(max id) and a PING; after the ack, GOAWAY(last processed stream). Calls in
    /// flight go on; the connection closes when the last one ends.
    func beginShutdown() {
        guard !goingAway, !isClosed else { return }
        goingAway = true
        session.submitShutdownNotice()
        session.submitPing()
        pingSentAt = loop.now
        scheduleFlush()
    }

    /// Ends every call still running (after the grace period) and closes.
    func abort() {
        for call in calls.values {
            call.fail(RPCError(code: .unavailable, message: "the server is shutting down"))
        }
        session.submitGoAway(errorCode: HTTP2ErrorCode.noError, debug: "shutdown")
        output.flush()
        close(lingering: true)
    }

    /// How long a connection closed after our last frame (a GOAWAY, an HTTP/1 refusal) drains
    /// the peer's input before giving up on it: long enough for a peer to read what we sent and
    /// close, short enough that a flooding peer holds nothing for long. Bytes that arrive after
    /// the socket closes would make the kernel reset the connection, and the peer then may never
    /// read our GOAWAY.
    static let lingerMilliseconds: UInt64 = 1000

    /// Closes the connection. `lingering` when our last frame must still reach a peer that may be
    /// sending; not when the peer has gone (end of stream, failed write, no PING answer).
    func close(lingering: Bool = false) {
        guard !isClosed else { return }
        isClosed = true
        for call in calls.values { call.streamClosed(errorCode: HTTP2ErrorCode.cancel) }
        calls.removeAll()
        outputWaiters.removeAll()
        admittedWriter = nil
        tcp.onRead = nil
        tcp.onEnd = nil
        output.stop()
        if lingering {
            tcp.closeLingering(atMost: Self.lingerMilliseconds)
        } else {
            tcp.close()
        }
        session.delegate = nil
        server.connectionDidClose(self)
    }
}
