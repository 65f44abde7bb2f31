public import EventLoop
public import GRPC
internal import GRPCCore
internal import Logging
public import SharedDomain
internal import StandardServices
internal import Storage
internal import Synchronization

#if canImport(Glibc)
    internal import Glibc
#endif

/// Runs a set of services on one loop and one port: each with its own database, all behind one
/// gRPC server with health and reflection, their background tasks beside them, and an ordered
/// shutdown. Loop-confined: create it, start it and stop it on its loop's thread.
///
///     let host = try ServiceHost(loop: loop, definitions: all, selected: ["intake"], configuration: config)
///     let address = try host.start()
///     host.shutDownOnSignals()
///     loop.run()
public final class ServiceHost: @unchecked Sendable {
    // Sendable for the environment's channel closure, which tasks call from any thread: it only
    // touches `upstreams`, behind its lock. Everything else is confined to `loop`.
    public enum Storage: Sendable {
        /// `<directory>/<service>.sqlite`, created if missing.
        case directory(String)
        /// A temporary database per service, deleted on shutdown.
        case inMemory
    }

    public struct Configuration: Sendable {
        public var storage: Storage = .directory("./data")
        public var server = Server.Configuration()
        public var log = LogOptions()
        public var clock: any WallClock = SystemClock()
        public var timeZone: CityTimeZone = .shanghai
        /// Where upstream services that do not run in this process are served, by name.
        public var upstreamAddresses: [String: ServiceAddress] = [:]
        public init() {}
    }

    public let loop: EventLoop
    public let configuration: Configuration
    public let definitions: [ServiceDefinition]
    let logger: Logger
    /// Where services in this process reach one another: in memory, still over gRPC.
    let endpoint: InProcessEndpoint
    private var running: [RunningService] = []
    private var server: Server?
    private var tasks: [Task<Void, Never>] = []
    /// The channels handed out to background tasks, which ask from other threads.
    private let upstreams = Mutex<[Channel]>([])
    private var isStopping = false
    private var pendingStops = 0
    private var onStopped: [() -> Void] = []

    private struct RunningService {
        let definition: ServiceDefinition
        let database: Database
        let logger: Logger
        let parts: ServiceParts

        /// The full names of the gRPC services it hosts, e.g. "shuangjiang.intake.v1.IntakeService".
        var grpcServiceNames: [String] {
            Set(parts.services.flatMap { $0.methods.map(\.descriptor.service) }).sorted()
        }
    }

    /// Checks the selection (known names, upstreams reachable) without opening anything.
    ///
    /// - Parameter selected: service names, in any order; each runs once.
    public init(
        loop: EventLoop, definitions available: [ServiceDefinition], selected: [String], configuration: Configuration
    ) throws(HostError) {
        let known = available.map(\.name)
        guard !selected.isEmpty else {
            throw HostError("no service selected; choose from \(known.joined(separator: ", "))")
        }
        for name in selected where !known.contains(name) {
            throw HostError("unknown service \"\(name)\"; this build has \(known.joined(separator: ", "))")
        }
        // In dependency order of the available list, so upstreams open and start first.
        let chosen = available.filter { selected.contains($0.name) }
        for definition in chosen {
            for upstream in definition.upstreams
            where !selected.contains(upstream) && configuration.upstreamAddresses[upstream] == nil {
                throw HostError(
                    "\(definition.name) follows \(upstream): run \(upstream) in this process too "
                        + "(--services \(upstream),\(definition.name)) or give its address (--\(upstream)-address HOST:PORT)"
                )
            }
        }
        self.loop = loop
        self.configuration = configuration
        self.definitions = chosen
        self.logger = configuration.log.logger("server")
        self.endpoint = InProcessEndpoint(loop: loop)
    }

    /// Opens and migrates every database, builds the services, starts listening, then starts the
    /// background tasks. Returns the bound address. On failure everything opened is closed again.
    @discardableResult
    public func start() throws -> SocketAddress {
        loop.assertInEventLoop()
        precondition(server == nil, "a host starts once")
        do {
            for definition in definitions { try open(definition) }
            let health = HealthService(loop: loop)
            let services = running.flatMap(\.parts.services) + [health]
            var serverConfiguration = configuration.server
            let log = CallLog(
                loggers: Dictionary(
                    running.flatMap { service in service.grpcServiceNames.map { ($0, service.logger) } },
                    uniquingKeysWith: { first, _ in first }),
                fallback: logger, accessLog: configuration.log.accessLog)
            serverConfiguration.callObserver = { log.record($0) }
            let server = Server(
                loop: loop, configuration: serverConfiguration,
                services: services + [ReflectionService(services: services)])
            self.server = server
            server.serve(endpoint)
            let address = try server.start()
            health.attach(to: server)
            for service in running {
                service.logger.info(
                    "service started",
                    metadata: [
                        "address": "\(address.host):\(address.port)", "database": "\(service.database.path)",
                        "grpc_services": .array(service.grpcServiceNames.map { .string($0) }),
                    ])
                for task in service.parts.tasks { startTask(task, of: service) }
            }
            return address
        } catch {
            for service in running { service.database.close() }
            running = []
            throw error
        }
    }

    private func open(_ definition: ServiceDefinition) throws {
        let logger = configuration.log.logger(definition.name)
        let database: Database
        do {
            switch configuration.storage {
            case .inMemory:
                database = try Database.inMemory(migrations: definition.migrations)
            case .directory(let directory):
                try Self.makeDirectory(directory)
                database = try Database.open(
                    path: directory + "/" + definition.databaseFile, migrations: definition.migrations)
            }
        } catch {
            throw HostError("cannot open the \(definition.name) database: \(error)")
        }
        for migration in database.migrationsApplied {
            logger.notice("migration applied", metadata: ["migration": "\(migration)", "database": "\(database.path)"])
        }
        let environment = ServiceEnvironment(
            name: definition.name, database: database, loop: loop, logger: logger, clock: configuration.clock,
            timeZone: configuration.timeZone, upstream: { [unowned self] name in try self.channel(to: name) })
        do {
            let parts = try definition.make(environment)
            running.append(RunningService(definition: definition, database: database, logger: logger, parts: parts))
        } catch {
            database.close()
            throw error
        }
    }

    /// Called from background tasks, on any thread. A service in this process is reached through
    /// the in-process endpoint (no socket, the same gRPC path); another process through TCP, on a
    /// loop thread of the channel's own.
    private func channel(to name: String) throws -> Channel {
        let runsHere = definitions.contains { $0.name == name }
        return try upstreams.withLock { channels in
            let channel: Channel
            if runsHere {
                channel = Channel(inProcess: endpoint)
            } else if let target = configuration.upstreamAddresses[name] {
                channel = try Channel(host: target.host, port: target.port)
            } else {
                throw HostError("no address for upstream service \(name)")
            }
            channels.append(channel)
            return channel
        }
    }

    private func startTask(_ task: any BackgroundTask, of service: RunningService) {
        let logger = service.logger
        tasks.append(
            Task {
                logger.info("background task started", metadata: ["task": "\(task.name)"])
                do {
                    try await task.run()
                    logger.info("background task stopped", metadata: ["task": "\(task.name)"])
                } catch is CancellationError {
                    logger.info("background task stopped", metadata: ["task": "\(task.name)"])
                } catch {
                    logger.error("background task failed", metadata: ["task": "\(task.name)", "error": "\(error)"])
                }
            })
    }

    /// Stops in order: no new connections or calls (health turns NOT_SERVING), background tasks
    /// cancelled and awaited, calls in flight drained (up to the grace period), then the
    /// databases closed. `completion` runs on the loop once all of that is done.
    public func shutdown(completion: @escaping () -> Void = {}) {
        loop.assertInEventLoop()
        onStopped.append(completion)
        guard !isStopping else { return }
        isStopping = true
        logger.info("shutting down")
        pendingStops = (server == nil ? 0 : 1) + (tasks.isEmpty ? 0 : 1)
        server?.shutdown { [self] in stopped() }
        if !tasks.isEmpty {
            let tasks = self.tasks
            self.tasks = []
            for task in tasks { task.cancel() }
            Task { [self] in
                for task in tasks { await task.value }
                loop.execute { [self] in stopped() }
            }
        }
        if pendingStops == 0 { closeDatabases() }
    }

    /// One of the two halves of a shutdown (calls drained, tasks ended) is done.
    private func stopped() {
        pendingStops -= 1
        if pendingStops == 0 { closeDatabases() }
    }

    private func closeDatabases() {
        let channels = upstreams.withLock { channels in
            defer { channels = [] }
            return channels
        }
        for channel in channels { channel.close() }
        for service in running {
            service.database.close()
            service.logger.info("service stopped")
        }
        running = []
        let callbacks = onStopped
        onStopped = []
        for callback in callbacks { callback() }
    }

    private static func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw HostError("cannot create the data directory \(path): \(String(cString: strerror(errno)))")
        }
    }
}
