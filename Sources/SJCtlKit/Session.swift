import ArgumentParser
public import GRPC
public import SharedDomain

/// What a command's `run()` works with: the connections, the printer and the clock, set up from
/// the shared options, and one place where any failure becomes a sentence and an exit code.
///
///     func run() async throws {
///         try await Session.run(options) { session in
///             let region = try await session.call(.intake) { try await $0.intake.getRegion(request, options: $1) }
///             session.printer.resource(region)
///         }
///     }
public struct Session: Sendable {
    public let options: ConnectionOptions
    public let connections: Connections
    public let printer: Printer
    public let zone: CityTimeZone

    /// Runs `body`; on failure prints the sentence to standard error and exits with its code
    /// (1 refused, 2 usage, 3 unreachable).
    public static func run(_ options: ConnectionOptions, _ body: (Session) async throws -> Void) async throws {
        let zone = try options.zone()
        let session = Session(
            options: options, connections: Connections(options), printer: Printer(json: options.json, zone: zone),
            zone: zone)
        defer { session.connections.close() }
        do {
            try await body(session)
        } catch let error as ExitCode {
            throw error
        } catch let error as ValidationError {
            throw error  // ArgumentParser prints it with the usage line
        } catch {
            throw ExitCode(ErrorReport.report(error))
        }
    }

    /// One call to `service`; a failure names the service and its address.
    public func call<Result: Sendable>(
        _ service: ServiceName, _ body: (Connections, CallOptions) async throws -> Result
    ) async throws -> Result {
        try await connections.call(service, body)
    }

    /// A creating call (see ``Connections/create(_:requestID:_:)``).
    public func create<Result: Sendable>(
        _ service: ServiceName, requestID: String, _ body: (Connections, CallOptions) async throws -> Result
    ) async throws -> Result {
        try await connections.create(service, requestID: requestID, body)
    }

    public var now: Instant { ConnectionOptions.now() }

    public var today: CivilDate { zone.date(of: now) ?? CivilDate(year: 2024, month: 1, day: 1)! }
}
