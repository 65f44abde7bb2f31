internal import CNGHTTP2

/// One HTTP/2 connection's protocol state, server or client side, on nghttp2.
///
/// Bytes come in through ``receive(_:)`` (`nghttp2_session_mem_recv`) and frames go out through
/// ``drainOutput(_:)`` (`nghttp2_session_mem_send`), in that order, as in nghttp2's
/// libevent-server example. The session does no I/O and owns no thread: its connection calls it
/// from one thread, so two sessions can also be pumped against each other in memory.
///
/// Flow control is manual: the connection window is credited as data arrives, a stream's window
/// only when the delegate ``consume(stream:bytes:)``s it, so a stream whose reader stalls stops
/// its sender instead of growing a buffer.
public final class HTTP2Session {
    public struct Settings: Sendable {
        public var maxConcurrentStreams: UInt32 = 100
        /// Per-stream receive window advertised to the peer.
        public var initialWindowSize: UInt32 = 1 << 20
        /// Connection-level receive window.
        public var connectionWindowSize: Int32 = 16 << 20
        /// Largest header block accepted (decoded name + value bytes, plus 32 per field).
        public var maxHeaderListSize: UInt32 = 16 << 10
        public init() {}
    }

    public enum Role { case server, client }

    public weak var delegate: (any HTTP2SessionDelegate)?
    public let role: Role
    let session: OpaquePointer
    private let settings: Settings

    /// Outbound body state of a stream whose DATA comes from us.
    private final class Outbound {
        var chunks: [[UInt8]] = []
        var offset = 0  // into chunks[0]
        var queuedBytes = 0
        var finished = false
        var trailers: [HeaderField]?
        var constantTrailers: ConstantHeaders?
        var deferred = false
    }

    private var outbound: [Int32: Outbound] = [:]
    /// Body bytes queued on every stream and not yet serialized: what this session holds for the
    /// peer, for a connection-wide bound on unsent output.
    public private(set) var queuedBodyBytes = 0
    // nghttp2 delivers a header block (HEADERS + CONTINUATION) without interleaving other
    // streams, so one block is in progress at a time.
    private var blockStream: Int32 = 0
    private var blockHeaders: [HeaderField] = []
    private var blockBytes = 0
    private var blockRejected = false
    private var scratchBytes: [UInt8] = []
    private var scratchNameValues: [nghttp2_nv] = []
    private var callbackError: HTTP2Error?

    public init(role: Role, settings: Settings = Settings()) {
        self.role = role
        self.settings = settings
        var callbacks: OpaquePointer?
        nghttp2_session_callbacks_new(&callbacks)
        Self.install(callbacks!)
        var options: OpaquePointer?
        nghttp2_option_new(&options)
        nghttp2_option_set_no_auto_window_update(options, 1)
        nghttp2_option_set_no_closed_streams(options, 1)
        nghttp2_option_set_peer_max_concurrent_streams(options, settings.maxConcurrentStreams)
        nghttp2_option_set_max_continuations(options, 16)
        // Rapid reset (CVE-2023-44487): nghttp2 answers a reset storm with GOAWAY.
        nghttp2_option_set_stream_reset_rate_limit(options, 1000, 100)
        var session: OpaquePointer?
        let status: Int32
        switch role {
        case .server: status = nghttp2_session_server_new2(&session, callbacks, nil, options)
        case .client: status = nghttp2_session_client_new2(&session, callbacks, nil, options)
        }
        nghttp2_option_del(options)
        nghttp2_session_callbacks_del(callbacks)
        precondition(status == 0, "nghttp2 session creation failed: \(status)")
        self.session = session!
        nghttp2_session_set_user_data(self.session, Unmanaged.passUnretained(self).toOpaque())
        submitInitialSettings()
    }

    deinit {
        nghttp2_session_del(session)
    }

    private func submitInitialSettings() {
        var entries = [
            nghttp2_settings_entry(
                settings_id: Int32(NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS.rawValue),
                value: settings.maxConcurrentStreams),
            nghttp2_settings_entry(
                settings_id: Int32(NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE.rawValue), value: settings.initialWindowSize),
            nghttp2_settings_entry(
                settings_id: Int32(NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE.rawValue), value: settings.maxHeaderListSize),
        ]
        if role == .client {
            entries[0] = nghttp2_settings_entry(settings_id: Int32(NGHTTP2_SETTINGS_ENABLE_PUSH.rawValue), value: 0)
        }
        nghttp2_submit_settings(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), entries, entries.count)
        nghttp2_session_set_local_window_size(
            session, UInt8(NGHTTP2_FLAG_NONE.rawValue), 0, settings.connectionWindowSize)
    }

    // MARK: Input

    /// Parses received bytes, calling the delegate for each event. Throws when the connection is
    /// beyond repair (bad preface, protocol error, flood); frames explaining why (GOAWAY) may
    /// still be waiting in ``drainOutput(_:)``.
    public func receive(_ bytes: UnsafeRawBufferPointer) throws(HTTP2Error) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        let result = nghttp2_session_mem_recv(session, base.assumingMemoryBound(to: UInt8.self), bytes.count)
        if let error = callbackError {
            callbackError = nil
            throw error
        }
        if result < 0 {
            throw HTTP2Error(code: Int32(result), description: String(cString: nghttp2_strerror(Int32(result))))
        }
    }

    // MARK: Output

    /// Serializes every pending frame, handing the bytes to `write` in chunks (each only valid
    /// during the call). Returns the number of bytes produced.
    @discardableResult
    public func drainOutput(_ write: (UnsafeRawBufferPointer) -> Void) -> Int {
        drainOutput(atMost: .max, write)
    }

    /// Like ``drainOutput(_:)``, but stops once `limit` bytes were produced (overshooting by less
    /// than a frame): what is not serialized stays queued here, where it is counted, instead of
    /// being copied into a write queue the peer is not draining.
    @discardableResult
    public func drainOutput(atMost limit: Int, _ write: (UnsafeRawBufferPointer) -> Void) -> Int {
        var total = 0
        while total < limit {
            var data: UnsafePointer<UInt8>?
            let count = nghttp2_session_mem_send(session, &data)
            guard count > 0, let data else { break }
            write(UnsafeRawBufferPointer(start: data, count: count))
            total += count
        }
        return total
    }

    /// False once both sides are done (after GOAWAY, with no active stream): time to close.
    public var isActive: Bool {
        nghttp2_session_want_read(session) != 0 || nghttp2_session_want_write(session) != 0
    }

    public var wantsWrite: Bool { nghttp2_session_want_write(session) != 0 }

    // MARK: Submitting

    /// Server: sends response headers, `constant` first. With `endStream` this is a
    /// trailers-only response.
    public func submitResponse(
        stream: Int32, constant: ConstantHeaders? = nil, headers: [HeaderField], endStream: Bool
    ) {
        if endStream {
            withNameValues(constant, headers) { nva, count in
                _ = nghttp2_submit_response(session, stream, nva, count, nil)
            }
        } else {
            let state = outbound(for: stream)
            state.deferred = false
            withNameValues(constant, headers) { nva, count in
                var provider = Self.dataProvider()
                _ = nghttp2_submit_response(session, stream, nva, count, &provider)
            }
        }
    }

    /// Client: opens a stream with request headers; the body follows with ``sendData(stream:bytes:)``
    /// and ``finish(stream:trailers:)``. Returns the stream id, or nil when no stream can be opened
    /// (ids exhausted, or the peer sent GOAWAY).
    public func submitRequest(headers: [HeaderField]) -> Int32? {
        var provider = Self.dataProvider()
        let id = withNameValues(headers) { nva, count in
            nghttp2_submit_request(session, nil, nva, count, &provider, nil)
        }
        guard id > 0 else { return nil }
        _ = outbound(for: id)
        return id
    }

    /// Queues body bytes on a stream opened with a body.
    public func sendData(stream: Int32, bytes: [UInt8]) {
        guard let state = outbound[stream], !state.finished, !bytes.isEmpty else { return }
        state.chunks.append(bytes)
        state.queuedBytes += bytes.count
        queuedBodyBytes += bytes.count
        resume(stream, state)
    }

    /// Ends our side of the stream, after the queued body: with trailers (server) or plain
    /// END_STREAM (client).
    public func finish(stream: Int32, constantTrailers: ConstantHeaders? = nil, trailers: [HeaderField]? = nil) {
        guard let state = outbound[stream], !state.finished else { return }
        state.finished = true
        state.trailers = trailers
        state.constantTrailers = constantTrailers
        resume(stream, state)
    }

    /// Body bytes queued on `stream` and not yet serialized: the sender's backpressure signal.
    public func queuedBytes(stream: Int32) -> Int {
        outbound[stream]?.queuedBytes ?? 0
    }

    private func resume(_ stream: Int32, _ state: Outbound) {
        if state.deferred {
            state.deferred = false
            nghttp2_session_resume_data(session, stream)
        }
    }

    private func outbound(for stream: Int32) -> Outbound {
        if let state = outbound[stream] { return state }
        let state = Outbound()
        outbound[stream] = state
        return state
    }

    public func resetStream(_ stream: Int32, errorCode: UInt32) {
        nghttp2_submit_rst_stream(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), stream, errorCode)
    }

    /// Credits `bytes` of received body back to the stream's window.
    public func consume(stream: Int32, bytes: Int) {
        guard bytes > 0 else { return }
        nghttp2_session_consume_stream(session, stream, bytes)
    }

    /// First half of a graceful shutdown: GOAWAY with the maximum stream id, so the client stops
    /// opening streams while ones already in flight are still accepted.
    public func submitShutdownNotice() {
        nghttp2_submit_shutdown_notice(session)
    }

    /// GOAWAY naming the last stream we processed; no later stream will be.
    public func submitGoAway(errorCode: UInt32 = HTTP2ErrorCode.noError, debug: String = "") {
        let last = nghttp2_session_get_last_proc_stream_id(session)
        var bytes = Array(debug.utf8)
        nghttp2_submit_goaway(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), last, errorCode, &bytes, bytes.count)
    }

    public func submitPing() {
        nghttp2_submit_ping(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), nil)
    }

    /// Streams currently open in nghttp2.
    public var hasOpenStreams: Bool { !outbound.isEmpty }

    /// What the peer allows us to have open at once.
    public var peerMaxConcurrentStreams: UInt32 {
        nghttp2_session_get_remote_settings(session, NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS)
    }

    // MARK: nghttp2 plumbing

    /// `constant`'s fields, then `headers`, as the name-value array nghttp2 takes.
    private func withNameValues<R>(
        _ constant: ConstantHeaders?, _ headers: [HeaderField], _ body: (UnsafePointer<nghttp2_nv>, Int) -> R
    ) -> R {
        guard let constant else { return withNameValues(headers, body) }
        if headers.isEmpty { return body(constant.nameValues.baseAddress!, constant.fields.count) }
        return withNameValues(headers) { nva, count in
            var combined = Array(constant.nameValues.prefix(constant.fields.count))
            combined.append(contentsOf: UnsafeBufferPointer(start: nva, count: count))
            return combined.withUnsafeBufferPointer { body($0.baseAddress!, $0.count) }
        }
    }

    private func withNameValues<R>(_ headers: [HeaderField], _ body: (UnsafePointer<nghttp2_nv>, Int) -> R) -> R {
        // One buffer for every name and value, so nghttp2 copies from stable memory. Both buffers
        // are kept between calls: a call submits headers twice, and allocating showed in profiles.
        var bytes = scratchBytes
        var nva = scratchNameValues
        scratchBytes = []
        scratchNameValues = []
        defer {
            bytes.removeAll(keepingCapacity: true)
            nva.removeAll(keepingCapacity: true)
            scratchBytes = bytes
            scratchNameValues = nva
        }
        for header in headers {
            bytes.append(contentsOf: header.name.utf8)
            bytes.append(contentsOf: header.value.utf8)
        }
        if bytes.isEmpty { bytes.append(0) }
        return bytes.withUnsafeMutableBufferPointer { buffer in
            var offset = 0
            for header in headers {
                let nameLength = header.name.utf8.count
                let valueLength = header.value.utf8.count
                nva.append(
                    nghttp2_nv(
                        name: buffer.baseAddress! + offset, value: buffer.baseAddress! + offset + nameLength,
                        namelen: nameLength, valuelen: valueLength, flags: UInt8(NGHTTP2_NV_FLAG_NONE.rawValue)))
                offset += nameLength + valueLength
            }
            return nva.withUnsafeBufferPointer { body($0.baseAddress ?? UnsafePointer(bitPattern: 8)!, $0.count) }
        }
    }

    private static func dataProvider() -> nghttp2_data_provider {
        var provider = nghttp2_data_provider()
        provider.read_callback = { session, stream, buffer, length, flags, _, user in
            HTTP2Session.from(user).readBody(stream: stream, into: buffer!, length: length, flags: flags!)
        }
        return provider
    }

    /// nghttp2 asks for the next DATA payload of `stream`.
    private func readBody(
        stream: Int32, into buffer: UnsafeMutablePointer<UInt8>, length: Int, flags: UnsafeMutablePointer<UInt32>
    ) -> Int {
        guard let state = outbound[stream] else {
            flags.pointee |= NGHTTP2_DATA_FLAG_EOF.rawValue
            return 0
        }
        var written = 0
        while written < length, !state.chunks.isEmpty {
            let chunk = state.chunks[0]
            let take = min(length - written, chunk.count - state.offset)
            chunk.withUnsafeBytes { source in
                (buffer + written).update(
                    from: source.baseAddress!.assumingMemoryBound(to: UInt8.self) + state.offset, count: take)
            }
            written += take
            state.offset += take
            if state.offset == chunk.count {
                state.chunks.removeFirst()
                state.offset = 0
            }
        }
        state.queuedBytes -= written
        queuedBodyBytes -= written
        if state.chunks.isEmpty && state.finished {
            flags.pointee |= NGHTTP2_DATA_FLAG_EOF.rawValue
            if state.trailers != nil || state.constantTrailers != nil {
                flags.pointee |= NGHTTP2_DATA_FLAG_NO_END_STREAM.rawValue
                withNameValues(state.constantTrailers, state.trailers ?? []) { nva, count in
                    _ = nghttp2_submit_trailer(session, stream, nva, count)
                }
            }
            return written
        }
        if written == 0 {
            state.deferred = true
            return Int(NGHTTP2_ERR_DEFERRED.rawValue)
        }
        return written
    }

    static func from(_ user: UnsafeMutableRawPointer?) -> HTTP2Session {
        Unmanaged<HTTP2Session>.fromOpaque(user!).takeUnretainedValue()
    }

    private static func install(_ callbacks: OpaquePointer) {
        nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks) { _, frame, user in
            HTTP2Session.from(user).beginHeaders(stream: frame!.pointee.hd.stream_id)
        }
        nghttp2_session_callbacks_set_on_header_callback(callbacks) {
            _, frame, name, nameLength, value, valueLength, _, user in
            HTTP2Session.from(user).header(
                stream: frame!.pointee.hd.stream_id,
                name: UnsafeBufferPointer(start: name, count: nameLength),
                value: UnsafeBufferPointer(start: value, count: valueLength))
        }
        nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks) { _, frame, user in
            HTTP2Session.from(user).frameReceived(frame!)
        }
        nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks) { session, _, stream, data, length, user in
            // The connection window is ours to manage and is credited at once; the stream window
            // waits for the delegate (see consume(stream:bytes:)).
            nghttp2_session_consume_connection(session, length)
            let this = HTTP2Session.from(user)
            this.delegate?.session(
                this, didReceiveData: UnsafeRawBufferPointer(start: data, count: length), stream: stream)
            return 0
        }
        nghttp2_session_callbacks_set_on_frame_send_callback(callbacks) { _, frame, user in
            let header = frame!.pointee.hd
            let isEnd = header.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0
            let isStreamFrame =
                header.type == UInt8(NGHTTP2_HEADERS.rawValue) || header.type == UInt8(NGHTTP2_DATA.rawValue)
            if isEnd && isStreamFrame {
                let this = HTTP2Session.from(user)
                this.delegate?.session(this, didSendEndOfStream: header.stream_id)
            }
            return 0
        }
        nghttp2_session_callbacks_set_on_stream_close_callback(callbacks) { _, stream, errorCode, user in
            HTTP2Session.from(user).streamClosed(stream, errorCode: errorCode)
            return 0
        }
    }

    private func beginHeaders(stream: Int32) -> Int32 {
        blockStream = stream
        blockHeaders.removeAll(keepingCapacity: true)
        blockBytes = 0
        blockRejected = false
        return 0
    }

    private func header(stream: Int32, name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>) -> Int32 {
        guard stream == blockStream, !blockRejected else { return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE.rawValue }
        blockBytes += name.count + value.count + 32
        if blockBytes > Int(settings.maxHeaderListSize) {
            blockRejected = true
            blockHeaders.removeAll(keepingCapacity: true)
            delegate?.session(self, headersTooLargeOn: stream)
            // Resets this stream only; the connection lives on.
            nghttp2_submit_rst_stream(
                session, UInt8(NGHTTP2_FLAG_NONE.rawValue), stream, UInt32(NGHTTP2_REFUSED_STREAM.rawValue))
            return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE.rawValue
        }
        blockHeaders.append(HeaderField(String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self)))
        return 0
    }

    private func frameReceived(_ frame: UnsafePointer<nghttp2_frame>) -> Int32 {
        let header = frame.pointee.hd
        let endStream = header.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0
        switch Int(header.type) {
        case Int(NGHTTP2_HEADERS.rawValue):
            guard header.stream_id == blockStream, !blockRejected else { return 0 }
            let fields = blockHeaders
            blockHeaders.removeAll(keepingCapacity: true)
            blockStream = 0
            let isTrailers = frame.pointee.headers.cat == NGHTTP2_HCAT_HEADERS
            delegate?.session(
                self, didReceiveHeaders: fields, stream: header.stream_id, isTrailers: isTrailers, endStream: endStream)
        case Int(NGHTTP2_DATA.rawValue):
            if endStream { delegate?.session(self, didReceiveEndOfStream: header.stream_id) }
        case Int(NGHTTP2_GOAWAY.rawValue):
            delegate?.session(
                self, didReceiveGoAway: frame.pointee.goaway.last_stream_id, errorCode: frame.pointee.goaway.error_code)
        case Int(NGHTTP2_PING.rawValue):
            if header.flags & UInt8(NGHTTP2_FLAG_ACK.rawValue) != 0 { delegate?.sessionDidReceivePingAck(self) }
        default:
            break
        }
        return 0
    }

    private func streamClosed(_ stream: Int32, errorCode: UInt32) {
        if let state = outbound.removeValue(forKey: stream) { queuedBodyBytes -= state.queuedBytes }
        if stream == blockStream {
            blockStream = 0
            blockHeaders.removeAll(keepingCapacity: true)
        }
        delegate?.session(self, streamDidClose: stream, errorCode: errorCode)
    }
}
