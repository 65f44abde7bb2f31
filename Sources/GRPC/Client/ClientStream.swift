import EventLoop
import GRPCCore
import HTTP2

/// One client-side RPC on one HTTP/2 stream. Confined to the channel's loop thread: the public
/// call types forward to it with `loop.execute` and wait on continuations.
final class ClientStream: @unchecked Sendable {  // every member is used on the loop thread only
    let method: MethodDescriptor
    let options: CallOptions
    let loop: EventLoop
    private weak var connection: ClientConnection?
    private(set) var streamID: Int32?

    private var inbound: InboundMessages
    private var readers: [CheckedContinuation<InboundBatch?, any Error>] = []
    private var headerWaiters: [CheckedContinuation<Metadata, any Error>] = []
    private var statusWaiters: [CheckedContinuation<Status, Never>] = []
    private var writer: CheckedContinuation<Void, any Error>?

    private(set) var initialMetadata: Metadata?
    private(set) var trailingMetadata = Metadata()
    private(set) var status: Status?
    private var statusError: RPCError?
    private var sendClosed = false
    private var pendingFrames: [[UInt8]] = []
    private var deadlineTimer: LoopTimer?

    static let writeHighWater = 1 << 20

    init(method: MethodDescriptor, options: CallOptions, loop: EventLoop, maxReceiveMessageSize: Int) {
        self.method = method
        self.options = options
        self.loop = loop
        self.inbound = InboundMessages(maximumMessageSize: maxReceiveMessageSize)
    }

    // MARK: Starting

    /// Opens the stream on `connection`, or ends the call with `error` if there is none.
    func start(on connection: ClientConnection?, orFail error: RPCError) {
        guard status == nil else { return }
        guard let connection, let id = connection.open(self) else {
            complete(Status(code: error.code, message: error.message), metadata: error.metadata)
            return
        }
        self.connection = connection
        streamID = id
        // What the caller sent while the connection was being set up goes out now, in order.
        for frame in pendingFrames { connection.session.sendData(stream: id, bytes: frame) }
        pendingFrames.removeAll()
        if sendClosed { connection.session.finish(stream: id) }
        connection.scheduleFlush()
        if let timeout = options.timeout {
            let timer = LoopTimer(loop: loop)
            timer.start(after: Self.milliseconds(timeout)) { [weak self] in
                self?.abort(RPCError(code: .deadlineExceeded, message: "deadline exceeded after \(timeout)"))
            }
            deadlineTimer = timer
        }
    }

    func requestHeaders(authority: String) -> [HeaderField] {
        var headers = [
            HeaderField(":method", "POST"),
            HeaderField(":scheme", "http"),
            HeaderField(":path", method.path),
            HeaderField(":authority", authority),
            HeaderField("content-type", "application/grpc"),
            HeaderField("te", "trailers"),
            HeaderField("user-agent", "grpc-swift-shuangjiang/1.0"),
            HeaderField("grpc-accept-encoding", Compression.acceptEncoding),
        ]
        if let timeout = options.timeout { headers.append(HeaderField("grpc-timeout", GRPCTimeout.encode(timeout))) }
        if let compression = options.compression, compression != .identity {
            headers.append(HeaderField("grpc-encoding", compression.rawValue))
        }
        for (name, value) in options.metadata.headerFields() { headers.append(HeaderField(name, value)) }
        return headers
    }

    // MARK: Sending

    func send(_ payload: [UInt8]) throws(RPCError) -> Bool {
        if let statusError { throw statusError }
        if status != nil { throw RPCError(code: .internalError, message: "the call has already ended") }
        if sendClosed { throw RPCError(code: .internalError, message: "send after closeSend") }
        var frame: [UInt8] = []
        if let compression = options.compression, compression != .identity {
            do {
                MessageFramer.frame(try Compression.compress(payload, compression), compressed: true, into: &frame)
            } catch {
                throw RPCError(code: .internalError, message: "could not compress the request: \(error)")
            }
        } else {
            MessageFramer.frame(payload, compressed: false, into: &frame)
        }
        guard let connection, let streamID else {
            // Not connected yet: held until the stream opens (bounded by the caller awaiting send).
            pendingFrames.append(frame)
            return false
        }
        connection.session.sendData(stream: streamID, bytes: frame)
        connection.scheduleFlush()
        return connection.session.queuedBytes(stream: streamID) > Self.writeHighWater
    }

    func waitForSendCapacity(_ continuation: CheckedContinuation<Void, any Error>) {
        if let statusError {
            continuation.resume(throwing: statusError)
        } else {
            writer = continuation
        }
    }

    func closeSend() {
        guard !sendClosed else { return }
        sendClosed = true
        if let connection, let streamID, status == nil {
            connection.session.finish(stream: streamID)
            connection.scheduleFlush()
        }
    }

    func outputDrained() {
        guard let writer, let connection, let streamID else { return }
        if connection.session.queuedBytes(stream: streamID) <= Self.writeHighWater / 2 {
            self.writer = nil
            writer.resume()
        }
    }

    // MARK: Receiving, from the connection

    func didReceiveHeaders(_ headers: [HeaderField], isTrailers: Bool, endStream: Bool) {
        guard status == nil else { return }
        if initialMetadata == nil && !isTrailers {
            let httpStatus = headers.first { $0.name == ":status" }?.value
            let contentType = headers.first { $0.name == "content-type" }?.value ?? ""
            guard httpStatus == "200" else {
                let code = Int(httpStatus ?? "") ?? 0
                let status = headers.first(where: { $0.name == "grpc-status" }).flatMap { Int32($0.value) }
                    .flatMap(StatusCode.init(rawValue:))
                abort(
                    RPCError(
                        code: status ?? StatusCode.fromHTTPStatus(code),
                        message: "unexpected HTTP status \(httpStatus ?? "none") from the server"))
                return
            }
            guard contentType.hasPrefix("application/grpc") else {
                abort(RPCError(code: .unknown, message: "unexpected content-type '\(contentType)' from the server"))
                return
            }
            if let encoding = headers.first(where: { $0.name == "grpc-encoding" })?.value {
                inbound.encoding = CompressionAlgorithm(rawValue: encoding)
            }
            let metadata = Metadata(headerFields: headers.map { (name: $0.name, value: $0.value) })
            initialMetadata = metadata
            for waiter in headerWaiters { waiter.resume(returning: metadata) }
            headerWaiters.removeAll()
            if !endStream { return }
            // Trailers-only: the same block carries the status.
        }
        let code = headers.first { $0.name == "grpc-status" }.flatMap { Int32($0.value) }.flatMap(
            StatusCode.init(rawValue:))
        let message = headers.first { $0.name == "grpc-message" }.map { PercentEncoding.decode($0.value) } ?? ""
        let metadata = Metadata(headerFields: headers.map { (name: $0.name, value: $0.value) })
        if let code {
            if inbound.hasPartialMessage {
                complete(
                    Status(code: .internalError, message: "the response ended inside a message"), metadata: metadata)
            } else {
                complete(Status(code: code, message: message), metadata: metadata)
            }
        } else {
            complete(Status(code: .internalError, message: "the server sent no grpc-status"), metadata: metadata)
        }
    }

    func didReceiveData(_ data: UnsafeRawBufferPointer) {
        guard status == nil else {
            credit(data.count)
            return
        }
        do {
            credit(try inbound.append(data))
        } catch {
            abort(error.rpcError)
            return
        }
        wakeReaders()
    }

    func streamClosed(errorCode: UInt32) {
        connection = nil
        guard status == nil else { return }
        let code = StatusCode.fromHTTP2ErrorCode(errorCode, fromServer: true)
        complete(
            Status(code: code, message: "the stream was reset by the server (HTTP/2 error \(errorCode))"), metadata: [:]
        )
    }

    /// Gives `bytes` back to the server's window, and flushes the WINDOW_UPDATE: a caller that
    /// takes a message outside an input turn would otherwise leave it unsent (see ServerCall).
    private func credit(_ bytes: Int) {
        guard bytes > 0, let connection, let streamID else { return }
        connection.session.consume(stream: streamID, bytes: bytes)
        connection.scheduleFlush()
    }

    // MARK: Reading, from the caller

    /// Whole messages taken from the stream in one hop to the loop.
    struct InboundBatch {
        var messages: [[UInt8]]
        /// The call has ended with OK and no message follows these.
        var isLast: Bool
    }

    /// Hands `continuation` every whole message received so far, at least one, or nil once the
    /// call has ended with OK (throws its error otherwise). A batch, not one message: each hop
    /// to the loop and back (a wake-up of the loop and then of the reading task) costs more than
    /// decoding a small message, and a feed's reader came here once per event. A batch is what
    /// had arrived, so it is bounded by the stream's flow-control window.
    func nextMessages(_ continuation: CheckedContinuation<InboundBatch?, any Error>) {
        readers.append(continuation)
        wakeReaders()
    }

    private func takeMessage() throws(RPCError) -> [UInt8]? {
        guard let message = try inbound.next() else { return nil }
        credit(message.credit)
        return message.payload
    }

    private func wakeReaders() {
        while !readers.isEmpty {
            var batch: [[UInt8]] = []
            var failure: RPCError?
            do {
                while let message = try takeMessage() { batch.append(message) }
            } catch {
                failure = error
            }
            // What arrived before a message that could not be taken is still delivered, first.
            if !batch.isEmpty {
                // Ended with OK and nothing left: the reader need not come back to learn it (a
                // unary call's response and trailers usually arrive together).
                let last = failure == nil && status?.code == .ok
                readers.removeFirst().resume(returning: InboundBatch(messages: batch, isLast: last))
            }
            if let failure {
                abort(failure)
                return
            }
            if !batch.isEmpty { continue }
            guard let status else { return }
            let reader = readers.removeFirst()
            if status.code == .ok {
                reader.resume(returning: nil)
            } else {
                reader.resume(throwing: statusError!)
            }
        }
    }

    func waitForInitialMetadata(_ continuation: CheckedContinuation<Metadata, any Error>) {
        if let initialMetadata {
            continuation.resume(returning: initialMetadata)
        } else if let statusError {
            continuation.resume(throwing: statusError)
        } else if status != nil {
            continuation.resume(returning: [:])
        } else {
            headerWaiters.append(continuation)
        }
    }

    func waitForStatus(_ continuation: CheckedContinuation<Status, Never>) {
        if let status {
            continuation.resume(returning: status)
        } else {
            statusWaiters.append(continuation)
        }
    }

    // MARK: Ending

    /// Ends the call from our side (deadline, cancellation, protocol error) and resets the stream.
    func abort(_ error: RPCError) {
        guard status == nil else { return }
        if let connection, let streamID {
            connection.session.resetStream(streamID, errorCode: HTTP2ErrorCode.cancel)
            connection.scheduleFlush()
        }
        complete(error.status, metadata: error.metadata)
    }

    private func complete(_ status: Status, metadata: Metadata) {
        guard self.status == nil else { return }
        self.status = status
        trailingMetadata = metadata
        if status.code != .ok {
            statusError = RPCError(code: status.code, message: status.message, metadata: metadata)
        }
        deadlineTimer?.close()
        deadlineTimer = nil
        credit(inbound.takeCredit())
        for waiter in headerWaiters {
            if let statusError { waiter.resume(throwing: statusError) } else { waiter.resume(returning: [:]) }
        }
        headerWaiters.removeAll()
        for waiter in statusWaiters { waiter.resume(returning: status) }
        statusWaiters.removeAll()
        if let writer {
            self.writer = nil
            writer.resume(throwing: statusError ?? RPCError(code: .internalError, message: "the call has ended"))
        }
        wakeReaders()
    }

    static func milliseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        let total = max(seconds, 0) * 1000 + max(attoseconds, 0) / 1_000_000_000_000_000
        return UInt64(max(total, 1))
    }
}
