public import EventLoop
import GRPCCore
import HTTP2

/// A gRPC server on one event loop: it listens, runs every call's handler on the loop (handlers
/// hop off it only for blocking work), and shuts down gracefully.
///
///     let loop = EventLoop()
///     let server = Server(loop: loop, services: [MyService()])
///     let address = try server.start()
///     loop.run()
public final class Server {
    public struct Configuration: Sendable {
        /// Numeric address to bind; "::" or "0.0.0.0" for all interfaces.
        public var host = "127.0.0.1"
        /// 0 lets the kernel choose (see the address `start()` returns).
        public var port = 50051
        /// Largest request message accepted, before and after decompression.
        public var maxReceiveMessageSize = 4 << 20
        public var maxConcurrentStreams: UInt32 = 100
        /// Largest request header block.
        public var maxHeaderListSize: UInt32 = 16 << 10
        /// Ping a connection that has been silent this long…
        public var keepaliveInterval: Duration = .seconds(7200)
        /// …and close it if the ping is not answered within this.
        public var keepaliveTimeout: Duration = .seconds(20)
        /// Close a connection with no call for this long; nil to never.
        public var idleTimeout: Duration? = .seconds(30 * 60)
        /// How long in-flight calls may run after a shutdown begins.
        public var shutdownGracePeriod: Duration = .seconds(10)
        /// Told about every call as it ends, on the loop thread (logs, metrics). Keep it short:
        /// the loop waits for it.
        public var callObserver: (@Sendable (CallSummary) -> Void)?
        /// Response bytes one connection may hold unsent (the client not reading them) before its
        /// handlers' writes wait; one message larger than this still goes, alone. 4 MiB keeps a
        /// few streams' worth in flight (each stream waits above 1 MiB of its own) while a client
        /// that stops reading costs a bounded amount, however many streams it opened.
        public var maxQueuedOutputBytesPerConnection = 4 << 20

        public init() {}

        var keepaliveIntervalMilliseconds: UInt64 { Self.milliseconds(keepaliveInterval) }
        var keepaliveTimeoutMilliseconds: UInt64 { Self.milliseconds(keepaliveTimeout) }
        var idleTimeoutMilliseconds: UInt64? { idleTimeout.map(Self.milliseconds) }

        static func milliseconds(_ duration: Duration) -> UInt64 {
            let (seconds, attoseconds) = duration.components
            return UInt64(max(seconds, 0)) * 1000 + UInt64(max(attoseconds, 0) / 1_000_000_000_000_000)
        }
    }

    public enum State: Sendable { case idle, serving, draining, stopped }

    public let loop: EventLoop
    public let configuration: Configuration
    let router: [String: ServerMethod]
    let sessionSettings: HTTP2Session.Settings
    private var listener: TCPListener?
    private var connections: [ObjectIdentifier: ServerConnection] = [:]
    private var housekeeping: LoopTimer?
    private var graceTimer: LoopTimer?
    private var onStopped: [() -> Void] = []
    private var stateObservers: [(State) -> Void] = []
    private var heapTrim = HeapTrimPolicy()
    public private(set) var state = State.idle

    public init(loop: EventLoop, configuration: Configuration = Configuration(), services: [any RegistrableService]) {
        self.loop = loop
        self.configuration = configuration
        var router: [String: ServerMethod] = [:]
        for service in services {
            for method in service.methods {
                precondition(router[method.descriptor.path] == nil, "\(method.descriptor) is registered twice")
                router[method.descriptor.path] = method
            }
        }
        self.router = router
        var settings = HTTP2Session.Settings()
        settings.maxConcurrentStreams = configuration.maxConcurrentStreams
        settings.maxHeaderListSize = configuration.maxHeaderListSize
        self.sessionSettings = settings
    }

    /// The full names of the services this server hosts.
    public var serviceNames: [String] {
        Array(Set(router.values.map(\.descriptor.service))).sorted()
    }

    /// Binds and starts accepting connections; returns the bound address. Loop thread only.
    @discardableResult
    public func start() throws(SystemError) -> SocketAddress {
        loop.assertInEventLoop()
        precondition(state == .idle, "a server starts once")
        let address = try SocketAddress(host: configuration.host, port: configuration.port)
        let listener = try TCPListener(loop: loop, address: address) { [unowned self] tcp in accept(tcp) }
        self.listener = listener
        beginServing()
        return listener.localAddress
    }

    /// Serves connections from any byte stream: accepted TCP connections and in-process ones.
    func accept(_ stream: any ByteStream) {
        guard state == .serving else {
            stream.close()
            return
        }
        let connection = ServerConnection(server: self, tcp: stream)
        connections[ObjectIdentifier(connection)] = connection
    }

    /// Starts housekeeping and enters `serving`, with or without a listener.
    func beginServing() {
        let timer = LoopTimer(loop: loop)
        timer.start(after: 1000, repeat: 1000) { [unowned self] in
            let now = loop.now
            for connection in Array(connections.values) { connection.tick(now: now, configuration: configuration) }
            if heapTrim.trimIsDue() { ProcessHeap.releaseFreeMemory() }
        }
        housekeeping = timer
        setState(.serving)
    }

    /// Observes state changes (health reporting uses it). Loop thread only.
    public func onStateChange(_ observer: @escaping (State) -> Void) {
        stateObservers.append(observer)
    }

    private func setState(_ new: State) {
        state = new
        for observer in stateObservers { observer(new) }
    }

    /// Graceful shutdown: stop accepting, GOAWAY every connection, let calls in flight finish for
    /// up to the grace period, then cancel what is left and close every handle. `completion` runs
    /// on the loop once nothing of the server is left open.
    public func shutdown(completion: @escaping () -> Void = {}) {
        loop.assertInEventLoop()
        onStopped.append(completion)
        guard state == .serving else {
            if state == .stopped || state == .idle { finishStopping() }
            return
        }
        setState(.draining)
        listener?.close()
        listener = nil
        for connection in connections.values { connection.beginShutdown() }
        let grace = LoopTimer(loop: loop)
        grace.start(after: Configuration.milliseconds(configuration.shutdownGracePeriod)) { [unowned self] in
            for connection in Array(connections.values) { connection.abort() }
        }
        graceTimer = grace
        checkDrained()
    }

    func connectionDidClose(_ connection: ServerConnection) {
        connections[ObjectIdentifier(connection)] = nil
        heapTrim.connectionClosed(peakQueuedOutputBytes: connection.peakQueuedOutputBytes)
        if state == .draining { checkDrained() }
    }

    private func checkDrained() {
        guard connections.isEmpty else { return }
        finishStopping()
    }

    private func finishStopping() {
        housekeeping?.close()
        housekeeping = nil
        graceTimer?.close()
        graceTimer = nil
        listener?.close()
        listener = nil
        if state != .stopped { setState(.stopped) }
        let callbacks = onStopped
        onStopped = []
        for callback in callbacks { callback() }
    }

    /// Connections currently open (for tests and metrics).
    public var connectionCount: Int { connections.count }

    /// Response bytes accepted from handlers and not yet taken by the kernel, over all
    /// connections (for tests and metrics).
    public var queuedOutputBytes: Int { connections.values.reduce(0) { $0 + $1.queuedOutputBytes } }
}
