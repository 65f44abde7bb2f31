public import EventLoop
import GRPCCore
public import Messages
import Synchronization

/// A client's connection to one server address: calls are multiplexed over one HTTP/2 connection,
/// opened on the first call and reopened after a failure with exponential backoff. A call that
/// cannot be sent fails with UNAVAILABLE rather than waiting (gRPC's default, not wait-for-ready).
///
///     let channel = try Channel(host: "127.0.0.1", port: 50051)
///     let intake = Shuangjiang.Intake.V1.IntakeService.Client(channel: channel)
///     let region = try await intake.getRegion(request)
///     channel.close()
public final class Channel: Sendable {
    public struct Configuration: Sendable {
        public var connectTimeout: Duration = .seconds(20)
        /// Wait before the first reconnection attempt, then multiplied on each failure…
        public var initialBackoff: Duration = .seconds(1)
        public var backoffMultiplier = 1.6
        /// …up to this.
        public var maxBackoff: Duration = .seconds(120)
        /// Largest response message accepted.
        public var maxReceiveMessageSize = 4 << 20
        public init() {}
    }

    /// The server's address; nil for an in-process channel.
    public var address: SocketAddress? {
        if case .socket(let address) = manager.target { address } else { nil }
    }
    let manager: ConnectionManager
    private let ownedThread: EventLoopThread?
    private let isClosed = Atomic(false)

    /// A channel on its own event-loop thread.
    public convenience init(host: String, port: Int, configuration: Configuration = Configuration()) throws(SystemError)
    {
        let thread = EventLoopThread()
        try self.init(host: host, port: port, configuration: configuration, loop: thread.loop, ownedThread: thread)
    }

    /// A channel on an existing loop (e.g. a server's, for service-to-service calls).
    public convenience init(host: String, port: Int, loop: EventLoop, configuration: Configuration = Configuration())
        throws(SystemError)
    {
        try self.init(host: host, port: port, configuration: configuration, loop: loop, ownedThread: nil)
    }

    private convenience init(
        host: String, port: Int, configuration: Configuration, loop: EventLoop, ownedThread: EventLoopThread?
    ) throws(SystemError) {
        let target: ChannelTarget
        do {
            target = .socket(try SocketAddress(host: host, port: port))
        } catch {
            // Not a numeric address: a name ("shuangjiang-intake" in compose or Kubernetes) is
            // resolved at every connect; anything else is refused here.
            guard SocketAddress.isHostName(host) else {
                ownedThread?.shutDown()
                throw error
            }
            target = .named(host: host, port: port)
        }
        self.init(
            target: target, authority: "\(host):\(port)", configuration: configuration, loop: loop,
            ownedThread: ownedThread)
    }

    init(
        target: ChannelTarget, authority: String, configuration: Configuration, loop: EventLoop,
        ownedThread: EventLoopThread?
    ) {
        self.ownedThread = ownedThread
        manager = ConnectionManager(loop: loop, target: target, authority: authority, configuration: configuration)
    }

    public var loop: EventLoop { manager.loop }

    /// Closes the connection (calls in flight fail with UNAVAILABLE) and, if the channel owns its
    /// loop thread, stops it. Waits until done. Closing again does nothing.
    public func close() {
        // A second close must not touch the loop: it may be gone (an in-process channel's loop is
        // its server's).
        guard !isClosed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let manager = self.manager
        if manager.loop.inEventLoop {
            manager.close()
            return
        }
        let done = Semaphore()
        manager.loop.execute {
            manager.close()
            done.signal()
        }
        done.wait()
        ownedThread?.shutDown()
    }

    // MARK: Calls (the generated clients use these)

    public func unary<Request: ProtoMessage, Response: ProtoMessage>(
        _ method: MethodDescriptor, _ request: Request, options: CallOptions = CallOptions()
    ) async throws -> Response {
        let call: StreamingCall<Request, Response> = serverStreaming(method, request, options: options)
        return try await call.response()
    }

    public func serverStreaming<Request: ProtoMessage, Response: ProtoMessage>(
        _ method: MethodDescriptor, _ request: Request, options: CallOptions = CallOptions()
    ) -> StreamingCall<Request, Response> {
        let stream = makeStream(method, options)
        let manager = self.manager
        let payload = Result { () throws(ProtoError) in try request.serializedBytes() }
        manager.loop.execute {
            switch payload {
            case .success(let bytes):
                manager.start(stream)
                _ = try? stream.send(bytes)
                stream.closeSend()
            case .failure(let error):
                stream.abort(RPCError(code: .internalError, message: "could not encode the request: \(error)"))
            }
        }
        return StreamingCall(stream: stream)
    }

    public func makeStreamingCall<Request: ProtoMessage, Response: ProtoMessage>(
        _ method: MethodDescriptor, options: CallOptions = CallOptions()
    ) -> StreamingCall<Request, Response> {
        let stream = makeStream(method, options)
        let manager = self.manager
        manager.loop.execute { manager.start(stream) }
        return StreamingCall(stream: stream)
    }

    private func makeStream(_ method: MethodDescriptor, _ options: CallOptions) -> ClientStream {
        ClientStream(
            method: method, options: options, loop: manager.loop,
            maxReceiveMessageSize: manager.configuration.maxReceiveMessageSize)
    }
}

/// Owns the channel's connection and its reconnection backoff. Loop thread only.
final class ConnectionManager: @unchecked Sendable {  // every member is used on the loop thread only
    enum State {
        case idle
        case connecting(pending: [ClientStream])
        case ready(ClientConnection)
        case failed(until: UInt64, reason: String)
        case closed
    }

    let loop: EventLoop
    let target: ChannelTarget
    let authority: String
    let configuration: Channel.Configuration
    private var state = State.idle
    private var backoff: Duration
    private var connectTimer: LoopTimer?

    init(loop: EventLoop, target: ChannelTarget, authority: String, configuration: Channel.Configuration) {
        self.loop = loop
        self.target = target
        self.authority = authority
        self.configuration = configuration
        self.backoff = configuration.initialBackoff
    }

    func start(_ stream: ClientStream) {
        switch state {
        case .ready(let connection) where connection.canOpenStreams:
            stream.start(on: connection, orFail: RPCError(code: .unavailable, message: "could not open a stream"))
        case .ready, .idle:
            state = .connecting(pending: [stream])
            connect()
        case .connecting(var pending):
            pending.append(stream)
            state = .connecting(pending: pending)
        case .failed(let until, let reason):
            if loop.now >= until {
                state = .connecting(pending: [stream])
                connect()
            } else {
                let wait = Double(until - loop.now) / 1000
                stream.start(
                    on: nil,
                    orFail: RPCError(
                        code: .unavailable,
                        message: "cannot reach \(target): \(reason); next attempt in \(wait.formatted1())s"))
            }
        case .closed:
            stream.start(on: nil, orFail: RPCError(code: .unavailable, message: "the channel is closed"))
        }
    }

    private func connect() {
        switch target {
        case .socket(let address):
            connect(to: address)
        case .named(let host, let port):
            SocketAddress.resolve(host, port: port, loop: loop) { [weak self] result in
                guard let self, case .connecting = self.state else { return }
                switch result {
                // In the resolver's order, each until one accepts ("localhost" may be ::1 first
                // while the server listens on 127.0.0.1); the next attempt resolves again.
                case .success(let addresses): self.connect(to: addresses[0], thenTrying: Array(addresses.dropFirst()))
                case .failure(let error): self.connectFailed("\(error)")
                }
            }
        case .inProcess(let endpoint):
            // Nothing to wait for: the server accepts in this call, or is not serving.
            do {
                connected(try endpoint.connect())
            } catch {
                connectFailed(error.message)
            }
        }
    }

    private func connect(to address: SocketAddress, thenTrying others: [SocketAddress] = []) {
        let timer = LoopTimer(loop: loop)
        var finished = false
        timer.start(after: ClientStream.milliseconds(configuration.connectTimeout)) { [weak self] in
            guard let self, !finished else { return }
            finished = true
            self.connectFailed("connection attempt timed out")
        }
        connectTimer = timer
        TCPConnection.connect(loop: loop, to: address) { [weak self] result in
            guard let self else {
                if case .success(let tcp) = result { tcp.close() }
                return
            }
            guard !finished else {
                if case .success(let tcp) = result { tcp.close() }
                return
            }
            finished = true
            self.connectTimer?.close()
            self.connectTimer = nil
            switch result {
            case .success(let tcp): self.connected(tcp)
            case .failure(let error):
                if let next = others.first, case .connecting = self.state {
                    self.connect(to: next, thenTrying: Array(others.dropFirst()))
                } else {
                    self.connectFailed("\(error)")
                }
            }
        }
    }

    private func connected(_ byteStream: any ByteStream) {
        guard case .connecting(let pending) = state else {
            byteStream.close()
            return
        }
        let connection = ClientConnection(tcp: byteStream, authority: authority) { [weak self] closed in
            self?.connectionClosed(closed)
        }
        state = .ready(connection)
        backoff = configuration.initialBackoff
        for stream in pending {
            stream.start(on: connection, orFail: RPCError(code: .unavailable, message: "could not open a stream"))
        }
    }

    private func connectFailed(_ reason: String) {
        connectTimer?.close()
        connectTimer = nil
        guard case .connecting(let pending) = state else { return }
        state = .failed(until: loop.now + ClientStream.milliseconds(backoff), reason: reason)
        let next = backoff * configuration.backoffMultiplier
        backoff = next > configuration.maxBackoff ? configuration.maxBackoff : next
        let error = RPCError(code: .unavailable, message: "cannot reach \(target): \(reason)")
        for stream in pending { stream.start(on: nil, orFail: error) }
    }

    private func connectionClosed(_ connection: ClientConnection) {
        if case .ready(let current) = state, current === connection {
            state = .idle
        }
    }

    func close() {
        connectTimer?.close()
        connectTimer = nil
        switch state {
        case .ready(let connection):
            state = .closed
            connection.close(reason: "the channel was closed")
        case .connecting(let pending):
            state = .closed
            for stream in pending {
                stream.start(on: nil, orFail: RPCError(code: .unavailable, message: "the channel was closed"))
            }
        default:
            state = .closed
        }
    }
}

extension Double {
    fileprivate func formatted1() -> String {
        let tenths = (self * 10).rounded()
        return "\(Int(tenths) / 10).\(Int(tenths) % 10)"
    }
}
