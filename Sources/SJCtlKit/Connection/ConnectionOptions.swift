public import ArgumentParser
public import SharedDomain

#if canImport(Glibc)
    import Glibc
#endif

/// The options every sjctl command takes: where the services are, how long a call may take, how
/// to print, and the city's time zone. Add to a command with `@OptionGroup var options: ConnectionOptions`.
///
/// An address is resolved most specific first, flags before the environment:
/// `--intake-server`, `--server`, `SJ_INTAKE_SERVER`, `SJ_SERVER`, then 127.0.0.1:50051
/// (the address `make run` serves all three services on).
public struct ConnectionOptions: ParsableArguments, Sendable {
    @Option(
        name: .long, help: ArgumentHelp("The server for all three services (env SJ_SERVER).", valueName: "host:port"))
    public var server: String?

    @Option(
        name: .customLong("intake-server"),
        help: ArgumentHelp("Intake's own address, if apart (env SJ_INTAKE_SERVER).", valueName: "host:port"))
    public var intakeServer: String?

    @Option(
        name: .customLong("assessment-server"),
        help: ArgumentHelp("Assessment's own address, if apart (env SJ_ASSESSMENT_SERVER).", valueName: "host:port"))
    public var assessmentServer: String?

    @Option(
        name: .customLong("accountability-server"),
        help: ArgumentHelp(
            "Accountability's own address, if apart (env SJ_ACCOUNTABILITY_SERVER).", valueName: "host:port"))
    public var accountabilityServer: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "How long each call may take, in seconds (default 30; watch and import: no limit unless given).",
            valueName: "seconds"))
    public var timeout: Double?

    @Flag(name: .long, help: "Print responses as proto3 JSON, one object per line (lists and streams: one per item).")
    public var json = false

    @Option(
        name: .customLong("time-zone"),
        help: ArgumentHelp(
            "The city's time zone for dates and times you type and read (env SJ_TIME_ZONE; default Asia/Shanghai).",
            valueName: "zone"))
    public var timeZoneName: String?

    public init() {}

    public func validate() throws {
        for service in ServiceName.allCases { _ = try address(for: service) }
        if let timeout, !(timeout >= 0 && timeout <= 86_400 * 365) {
            throw ValidationError("--timeout needs a number of seconds, 0 or more (0 means no limit)")
        }
        _ = try zone()
    }

    /// The address `service` is called at.
    public func address(for service: ServiceName) throws(ValidationError) -> ServerAddress {
        let own: String? =
            switch service {
            case .intake: intakeServer
            case .assessment: assessmentServer
            case .accountability: accountabilityServer
            }
        let candidates: [(String?, String)] = [
            (own, service.flag), (server, "--server"),
            (Self.environment(service.environmentVariable), service.environmentVariable),
            (Self.environment("SJ_SERVER"), "SJ_SERVER"),
        ]
        for (text, source) in candidates {
            guard let text else { continue }
            guard let address = ServerAddress(text) else {
                throw ValidationError("\(source): \"\(text)\" is not HOST:PORT (e.g. 127.0.0.1:50051)")
            }
            return address
        }
        return .defaultAddress
    }

    /// The time limit for one call: `--timeout` (0 means none), else `standard`.
    public func callTimeout(standard: Duration? = .seconds(30)) -> Duration? {
        guard let timeout else { return standard }
        return timeout == 0 ? nil : .milliseconds(Int64((timeout * 1000).rounded()))
    }

    /// The city's time zone: `--time-zone`, SJ_TIME_ZONE, or Asia/Shanghai.
    public func zone() throws(ValidationError) -> CityTimeZone {
        guard let name = timeZoneName ?? Self.environment("SJ_TIME_ZONE") else { return .shanghai }
        guard let zone = CityTimeZone(identifier: name) else {
            throw ValidationError("--time-zone: \"\(name)\" is not a zone sjctl knows; use Asia/Shanghai or UTC+08:00")
        }
        return zone
    }

    /// Today's date in the city (for open-ended periods and defaults).
    public func today() -> CivilDate {
        let zone = (try? zone()) ?? .shanghai
        return zone.date(of: Self.now()) ?? CivilDate(year: 2024, month: 1, day: 1)!
    }

    /// The wall clock. sjctl is a client for people, so "now" is this machine's clock; the
    /// services check every instant against their own.
    public static func now() -> Instant {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Instant(seconds: Int64(spec.tv_sec), nanos: Int32(spec.tv_nsec))
    }

    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }
}
