public import EventLoop
public import GRPC
public import Logging
public import SharedDomain
public import Storage

/// What the host hands a service when it builds it.
public struct ServiceEnvironment: Sendable {
    public let name: String
    /// The service's own database, migrated.
    public let database: Database
    /// The server's loop: handlers run on it.
    public let loop: EventLoop
    public let logger: Logger
    public let clock: any WallClock
    public let timeZone: CityTimeZone
    let upstream: @Sendable (String) throws -> Channel

    /// A channel to the upstream service `name` (one of the definition's `upstreams`): to this
    /// process's own server when that service runs here (services meet only over gRPC, even in one
    /// process), else to its configured address. Call it from a background task: the server's
    /// address is known only once it listens.
    public func channel(to name: String) throws -> Channel {
        try upstream(name)
    }

    public init(
        name: String, database: Database, loop: EventLoop, logger: Logger, clock: any WallClock,
        timeZone: CityTimeZone, upstream: @escaping @Sendable (String) throws -> Channel
    ) {
        self.name = name
        self.database = database
        self.loop = loop
        self.logger = logger
        self.clock = clock
        self.timeZone = timeZone
        self.upstream = upstream
    }
}
