public import Storage

/// What a service declares so that one server binary can run it: its name, its database, and how
/// to build its handlers and background work. Adding a service is one of these plus the service
/// itself; the host does the rest (storage, the server, health, reflection, logs, shutdown).
public struct ServiceDefinition: Sendable {
    /// The name on the command line (`--services intake`), the logger's label, and the stem of its
    /// database file.
    public let name: String
    /// One line for `--help`.
    public let summary: String
    /// The service's own schema history (Storage's tables come first by themselves).
    public let migrations: [Migration]
    /// Services whose feeds this one follows, by name: served from this process when they run
    /// here, otherwise reached at the address configured for them.
    public let upstreams: [String]
    public let make: @Sendable (ServiceEnvironment) throws -> ServiceParts

    public init(
        name: String, summary: String, migrations: [Migration], upstreams: [String] = [],
        make: @escaping @Sendable (ServiceEnvironment) throws -> ServiceParts
    ) {
        self.name = name
        self.summary = summary
        self.migrations = migrations
        self.upstreams = upstreams
        self.make = make
    }

    /// `<name>.sqlite` in the data directory.
    public var databaseFile: String { name + ".sqlite" }
}
