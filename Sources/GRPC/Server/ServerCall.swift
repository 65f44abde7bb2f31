import EventLoop
public import GRPCCore
import HTTP2
import Messages

/// What a handler knows about its call. Read it, or set the response metadata, from the handler's
/// own task (which runs on the connection's event loop).
public final class ServerContext: @unchecked Sendable {  // mutated only on the call's loop thread
    public let method: MethodDescriptor
    /// The request metadata (custom headers), `-bin` values decoded.
    public let metadata: Metadata
    /// The client's address, in gRPC notation ("ipv4:127.0.0.1:53412").
    public let peer: String
    /// When the client stops waiting, from `grpc-timeout`; nil for no deadline.
    public let deadline: ContinuousClock.Instant?
    /// Sent with the response headers; set it before the first response message.
    public var initialMetadata = Metadata()
    /// Sent with the status at the end of the call.
    public var trailingMetadata = Metadata()
    /// Compress response messages with this algorithm if the client accepts it.
    public var responseCompression: CompressionAlgorithm?
    /// Whether a request message so far arrived compressed.
    public internal(set) var requestWasCompressed = false
    /// The protobuf encoding of the message a unary or client-streaming handler is about to
    /// return, for a handler that has it already (a record as stored): the server sends these
    /// bytes instead of encoding the returned value again. They must be exactly that value's
    /// encoding; debug builds check.
    public var encodedResponse: [UInt8]?

    unowned(unsafe) let call: ServerCall

    init(
        method: MethodDescriptor, metadata: Metadata, peer: String, deadline: ContinuousClock.Instant?, call: ServerCall
    ) {
        self.method = method
        self.metadata = metadata
        self.peer = peer
        self.deadline = deadline
        self.call = call
    }

    /// The request's `request_id`, when it carries one (see ``RequestIdentifying``).
    public internal(set) var requestId: String?

    /// True once the call is over for the client: cancelled, timed out, or already answered.
    public var isCancelled: Bool { call.isFinished }
}

/// One server-side RPC on one HTTP/2 stream: the gRPC rules between the session's frames and the
/// handler's messages. Confined to the connection's loop thread; the handler's task runs there
/// too (the loop is its executor preference), so no call state is ever touched concurrently.
final class ServerCall: @unchecked Sendable {
    let stream: Int32
    let method: ServerMethod
    private(set) var context: ServerContext!
    private(set) weak var connection: ServerConnection?
    private let loop: EventLoop

    private var inbound: InboundMessages
    private let clientAcceptsEncoding: [CompressionAlgorithm]
    private var inboundEnded = false
    private var reader: CheckedContinuation<[UInt8]?, any Error>?
    private var writer: CheckedContinuation<Void, any Error>?
    /// The suspended writer waits for room on the connection (not for its own stream to drain).
    private var writerWaitsForRoom = false

    private var headersSent = false
    private var responseEncoding: CompressionAlgorithm?
    private(set) var isFinished = false
    private var failure: RPCError?
    private var task: Task<Void, Never>?
    private var deadlineTimer: LoopTimer?
    private let observer: (@Sendable (CallSummary) -> Void)?
    private let startedAt = ContinuousClock.now

    /// Queued-but-unsent response bytes of this stream above which `write` waits for the client
    /// to catch up (until half of it is left).
    static let writeHighWater = 1 << 20

    init(
        stream: Int32, method: ServerMethod, head: RequestHead, peer: String, connection: ServerConnection,
        maxReceiveMessageSize: Int, observer: (@Sendable (CallSummary) -> Void)?
    ) {
        self.observer = observer
        self.stream = stream
        self.method = method
        self.connection = connection
        self.loop = connection.loop
        self.inbound = InboundMessages(maximumMessageSize: maxReceiveMessageSize)
        inbound.encoding = head.encoding
        self.clientAcceptsEncoding = head.acceptEncoding
        let deadline = head.timeout.map { ContinuousClock.now.advanced(by: $0) }
        self.context = ServerContext(
            method: method.descriptor, metadata: head.metadata, peer: peer, deadline: deadline, call: self)
        if let timeout = head.timeout {
            let timer = LoopTimer(loop: loop)
            let milliseconds = max(
                timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000, 0)
            timer.start(after: UInt64(milliseconds)) { [weak self] in
                self?.fail(RPCError(code: .deadlineExceeded, message: "deadline exceeded"))
            }
            deadlineTimer = timer
        }
    }

    /// Starts the handler on the loop executor. A handler that never suspends runs to completion
    /// inside this turn.
    func start() {
        task = Task(executorPreference: loop) { [self] in
            do {
                try await method.handle(self)
                finish(status: .ok, metadata: context.trailingMetadata)
            } catch {
                fail(RPCError(converting: error))
            }
        }
    }

    // MARK: Inbound, from the connection

    func receive(_ data: UnsafeRawBufferPointer) {
        guard !isFinished else {
            connection?.session.consume(stream: stream, bytes: data.count)
            return
        }
        do {
            credit(try inbound.append(data))
        } catch {
            fail(error.rpcError)
            return
        }
        wakeReader()
    }

    func endOfInput() {
        inboundEnded = true
        if inbound.hasPartialMessage {
            fail(RPCError(code: .internalError, message: "request stream ended inside a message"))
            return
        }
        wakeReader()
    }

    /// The stream closed under us: reset by the client, or the connection went away.
    func streamClosed(errorCode: UInt32) {
        guard !isFinished else { return }
        // Nothing more can be sent; the handler just learns it was cancelled.
        isFinished = true
        failure = RPCError(code: .cancelled, message: "the client cancelled the call")
        report(failure!.status)
        cleanUp()
    }

    private func report(_ status: Status) {
        guard let observer else { return }
        observer(
            CallSummary(
                method: method.descriptor, peer: context.peer, requestId: context.requestId, status: status,
                cause: failure?.cause, duration: ContinuousClock.now - startedAt))
    }

    /// Our END_STREAM went out. If the client is still sending, tell it to stop (the spec's
    /// "early server closure": RST_STREAM with NO_ERROR after the trailers).
    func didSendEndOfStream() {
        if !inboundEnded { connection?.session.resetStream(stream, errorCode: HTTP2ErrorCode.noError) }
    }

    /// Gives `bytes` back to the client's window. The WINDOW_UPDATE must be flushed too: when
    /// the handler takes a message outside an input turn (after awaiting something else), nothing
    /// else would send it, and a client blocked on the window would wait forever.
    private func credit(_ bytes: Int) {
        guard bytes > 0, let connection else { return }
        connection.session.consume(stream: stream, bytes: bytes)
        connection.scheduleFlush()
    }

    // MARK: Handler side

    func nextRequest<M: ProtoMessage>() async throws -> M? {
        guard let bytes = try await nextMessage() else { return nil }
        do {
            return try M(serializedBytes: bytes)
        } catch {
            throw Self.decodingError(error, M.self)
        }
    }

    /// Unary and server-streaming methods take exactly one request message.
    func singleRequest<M: ProtoMessage>() async throws -> M {
        guard let first: M = try await nextRequest() else {
            throw RPCError(code: .unimplemented, message: "\(method.descriptor) expects one request message, got none")
        }
        if try await nextMessage() != nil {
            throw RPCError(code: .unimplemented, message: "\(method.descriptor) expects one request message, got more")
        }
        return first
    }

    private func nextMessage() async throws -> [UInt8]? {
        if let failure { throw failure }
        if let message = takeMessage() { return message }
        if inboundEnded { return nil }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                reader = continuation
                wakeReader()  // in case the state changed while suspending
            }
        } onCancel: {
            self.loop.execute { self.fail(RPCError(code: .cancelled, message: "the handler task was cancelled")) }
        }
    }

    private func takeMessage() -> [UInt8]? {
        // A bad compressed message fails only this call.
        do {
            guard let message = try inbound.next() else { return nil }
            credit(message.credit)
            if message.wasCompressed { context.requestWasCompressed = true }
            return message.payload
        } catch {
            fail(error)
            return nil
        }
    }

    private func wakeReader() {
        guard let reader else { return }
        if let failure {
            self.reader = nil
            reader.resume(throwing: failure)
        } else if let message = takeMessage() {
            self.reader = nil
            reader.resume(returning: message)
        } else if let failure {
            self.reader = nil
            reader.resume(throwing: failure)
        } else if inboundEnded {
            self.reader = nil
            reader.resume(returning: nil)
        }
    }

    func write<M: ProtoMessage>(_ message: M, compress: Bool?) async throws {
        try await write(compress: compress) { frame in try message.appendSerializedBytes(to: &frame) }
    }

    func write(encoded bytes: [UInt8], compress: Bool?) async throws {
        try await write(compress: compress) { frame in frame.append(contentsOf: bytes) }
    }

    /// Sends the handler's return value, or the encoding the handler left in
    /// `context.encodedResponse` for it.
    func writeResponse<M: ProtoMessage>(_ message: M) async throws {
        guard let encoded = context.encodedResponse else { return try await write(message, compress: nil) }
        context.encodedResponse = nil
        assert((try? message.serializedBytes()) == encoded, "encodedResponse is not the returned message's encoding")
        try await write(compress: nil) { frame in frame.append(contentsOf: encoded) }
    }

    /// Frames one response message that `encode` appends to the frame buffer.
    ///
    /// Waits first while this stream's queue is over its high-water mark (the client is reading
    /// it slowly), then while the connection holds its bound of unsent output, so a client that
    /// stops reading costs at most that bound plus one message, however many streams it opened,
    /// and one stalled stream cannot take the whole bound. The message is encoded only once it
    /// may be queued, and the write returns once it is, so the handler can let go of its message.
    private func write(compress: Bool?, _ encode: (inout [UInt8]) throws -> Void) async throws {
        if let failure { throw failure }
        guard !isFinished, let queued = connection?.session.queuedBytes(stream: stream) else {
            throw RPCError(code: .cancelled, message: "the call has ended")
        }
        if queued > Self.writeHighWater { try await suspendWriter(forRoom: false) }
        guard !isFinished, let hasRoom = connection?.requestOutputRoom(for: self) else {
            throw failure ?? RPCError(code: .cancelled, message: "the call has ended")
        }
        if !hasRoom { try await suspendWriter(forRoom: true) }
        // The call may have ended between the connection letting us through and this task running.
        guard !isFinished, let connection else {
            throw failure ?? RPCError(code: .cancelled, message: "the call has ended")
        }
        sendHeadersIfNeeded(connection)
        let frame: [UInt8]
        do {
            frame = try encodeFrame(compress: compress, encode)
        } catch {
            connection.outputQueued(by: self)
            throw error
        }
        connection.session.sendData(stream: stream, bytes: frame)
        connection.outputQueued(by: self)
        connection.scheduleFlush()
    }

    private func encodeFrame(compress: Bool?, _ encode: (inout [UInt8]) throws -> Void) throws(RPCError) -> [UInt8] {
        let encoding = (compress ?? (responseEncoding != nil)) ? responseEncoding : nil
        var frame: [UInt8] = []
        do {
            if let encoding {
                var payload: [UInt8] = []
                try encode(&payload)
                MessageFramer.frame(try Compression.compress(payload, encoding), compressed: true, into: &frame)
            } else {
                let start = MessageFramer.beginFrame(into: &frame)
                try encode(&frame)
                MessageFramer.endFrame(at: start, compressed: false, in: &frame)
            }
        } catch {
            throw RPCError(code: .internalError, message: "could not encode the response: \(error)")
        }
        return frame
    }

    private func suspendWriter(forRoom: Bool) async throws {
        try await withCheckedThrowingContinuation { continuation in
            writer = continuation
            writerWaitsForRoom = forRoom
        }
    }

    /// The connection lets this call queue its message. False if no writer is waiting for it.
    func outputRoomAvailable() -> Bool {
        guard let writer, writerWaitsForRoom else { return false }
        self.writer = nil
        writerWaitsForRoom = false
        writer.resume()
        return true
    }

    /// Called after each flush: lets a suspended writer go on once its queue has drained.
    func outputDrained() {
        guard let writer, !writerWaitsForRoom, let connection else { return }
        if connection.session.queuedBytes(stream: stream) <= Self.writeHighWater / 2 {
            self.writer = nil
            writer.resume()
        }
    }

    /// What every response's headers start with.
    private static let responseHeaders = ConstantHeaders([
        HeaderField(":status", "200"), HeaderField("content-type", "application/grpc"),
        HeaderField("grpc-accept-encoding", Compression.acceptEncoding),
    ])
    /// The trailers of a call that ends OK without a message.
    private static let okTrailers = ConstantHeaders([HeaderField("grpc-status", "0")])

    private func sendHeadersIfNeeded(_ connection: ServerConnection) {
        guard !headersSent else { return }
        headersSent = true
        var headers: [HeaderField] = []
        if let wanted = context.responseCompression, wanted != .identity,
            clientAcceptsEncoding.contains(wanted)
        {
            responseEncoding = wanted
            headers.append(HeaderField("grpc-encoding", wanted.rawValue))
        }
        if !context.initialMetadata.isEmpty {
            for (name, value) in context.initialMetadata.headerFields() { headers.append(HeaderField(name, value)) }
        }
        connection.session.submitResponse(
            stream: stream, constant: Self.responseHeaders, headers: headers, endStream: false)
    }

    // MARK: Ending

    func fail(_ error: RPCError) {
        guard !isFinished else { return }
        if failure == nil { failure = error }
        var metadata = context.trailingMetadata
        metadata.add(contentsOf: error.metadata)
        finish(status: error.status, metadata: metadata)
    }

    private func finish(status: Status, metadata: Metadata) {
        guard !isFinished, let connection else { return }
        isFinished = true
        if failure == nil && status.code != .ok {
            failure = RPCError(code: status.code, message: status.message)
        }
        let custom = metadata.isEmpty ? [] : metadata.headerFields().map { HeaderField($0.name, $0.value) }
        if headersSent && status.code == .ok && status.message.isEmpty {
            // The usual end: constant trailers, nothing built for this call.
            connection.session.finish(
                stream: stream, constantTrailers: Self.okTrailers, trailers: custom.isEmpty ? nil : custom)
        } else {
            var trailers = [HeaderField("grpc-status", String(status.code.rawValue))]
            if !status.message.isEmpty {
                trailers.append(HeaderField("grpc-message", PercentEncoding.encode(status.message)))
            }
            trailers.append(contentsOf: custom)
            if headersSent {
                connection.session.finish(stream: stream, trailers: trailers)
            } else {
                // Trailers-only: one HEADERS frame carrying both the HTTP status and the gRPC status.
                headersSent = true
                let head = [HeaderField(":status", "200"), HeaderField("content-type", "application/grpc")]
                connection.session.submitResponse(stream: stream, headers: head + trailers, endStream: true)
            }
        }
        connection.scheduleFlush()
        report(status)
        cleanUp()
    }

    private func cleanUp() {
        deadlineTimer?.close()
        deadlineTimer = nil
        task?.cancel()
        task = nil
        let error = failure ?? RPCError(code: .cancelled, message: "the call has ended")
        if let reader {
            self.reader = nil
            reader.resume(throwing: error)
        }
        if let writer {
            self.writer = nil
            writerWaitsForRoom = false
            writer.resume(throwing: error)
        }
        connection?.outputWriterEnded(self)
        credit(inbound.takeCredit())
    }

    static func decodingError<M: ProtoMessage>(_ error: ProtoError, _: M.Type) -> RPCError {
        switch error {
        case .invalidUTF8(let field), .nulInString(let field):
            return RPCError.invalidArgument([
                FieldViolation(field: field, description: "\(error)")
            ])
        default:
            return RPCError(code: .internalError, message: "failed to parse request \(M.protoMessageName): \(error)")
        }
    }
}
