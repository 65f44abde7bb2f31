import EventLoop
import GRPCCore
import HTTP2

/// One HTTP/2 connection of a channel, multiplexing its calls. Loop thread only.
final class ClientConnection: HTTP2SessionDelegate {
    let loop: EventLoop
    let session: HTTP2Session
    private let tcp: any ByteStream
    private let authority: String
    private var streams: [Int32: ClientStream] = [:]
    private let output: OutputPump
    private(set) var isClosed = false
    /// Set once the server sent GOAWAY: no new stream may be opened here.
    private(set) var isDraining = false
    private let onClose: (ClientConnection) -> Void

    init(tcp: any ByteStream, authority: String, onClose: @escaping (ClientConnection) -> Void) {
        self.loop = tcp.loop
        self.tcp = tcp
        self.authority = authority
        self.onClose = onClose
        self.session = HTTP2Session(role: .client)
        self.output = OutputPump(session: session, stream: tcp)
        session.delegate = self
        // The socket's callbacks keep the connection alive while it is open (a draining connection
        // has no other owner); close() breaks the cycle.
        tcp.onRead = { [self] bytes in
            do {
                try session.receive(bytes)
            } catch {
                output.flush()
                close(reason: "HTTP/2 error from the server: \(error)")
                return
            }
            scheduleFlush()
        }
        tcp.onEnd = { [self] error in
            close(reason: error.map { "connection lost: \($0)" } ?? "the server closed the connection")
        }
        output.afterFlush = { [unowned self] in
            for stream in streams.values { stream.outputDrained() }
            if isDraining && streams.isEmpty { close(reason: "drained after GOAWAY") }
        }
        output.onWriteFailure = { [unowned self] in close(reason: "write failed") }
        tcp.startReading()
        scheduleFlush()
    }

    var canOpenStreams: Bool { !isClosed && !isDraining }
    var streamCount: Int { streams.count }

    func open(_ stream: ClientStream) -> Int32? {
        guard canOpenStreams, let id = session.submitRequest(headers: stream.requestHeaders(authority: authority))
        else {
            return nil
        }
        streams[id] = stream
        scheduleFlush()
        return id
    }

    func scheduleFlush() {
        guard !isClosed else { return }
        output.schedule()
    }

    // MARK: HTTP2SessionDelegate

    func session(
        _ session: HTTP2Session, didReceiveHeaders headers: [HeaderField], stream: Int32, isTrailers: Bool,
        endStream: Bool
    ) {
        streams[stream]?.didReceiveHeaders(headers, isTrailers: isTrailers, endStream: endStream)
    }

    func session(_ session: HTTP2Session, didReceiveData data: UnsafeRawBufferPointer, stream: Int32) {
        if let call = streams[stream] {
            call.didReceiveData(data)
        } else {
            session.consume(stream: stream, bytes: data.count)
        }
    }

    func session(_ session: HTTP2Session, didReceiveEndOfStream stream: Int32) {
        // The status arrives in trailers; END_STREAM on DATA without them is handled at close.
    }

    func session(_ session: HTTP2Session, streamDidClose stream: Int32, errorCode: UInt32) {
        streams.removeValue(forKey: stream)?.streamClosed(errorCode: errorCode)
        if isDraining && streams.isEmpty { scheduleFlush() }
    }

    func session(_ session: HTTP2Session, didReceiveGoAway lastStreamID: Int32, errorCode: UInt32) {
        isDraining = true
        // Streams the server never processed may be retried elsewhere: UNAVAILABLE.
        for (id, stream) in streams where id > lastStreamID {
            streams[id] = nil
            stream.abort(
                RPCError(code: .unavailable, message: "the server is going away (GOAWAY) before processing the call"))
        }
        onClose(self)  // the channel stops routing new calls here
    }

    func close(reason: String) {
        guard !isClosed else { return }
        isClosed = true
        let pending = streams
        streams.removeAll()
        for stream in pending.values {
            stream.abort(RPCError(code: .unavailable, message: reason))
        }
        tcp.onRead = nil
        tcp.onEnd = nil
        output.stop()
        tcp.close()
        session.delegate = nil
        onClose(self)
    }
}
