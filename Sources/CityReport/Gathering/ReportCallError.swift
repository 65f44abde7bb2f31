public import GRPCCore

/// A call the report made failed: which service refused or could not be reached, and its
/// status, so the command can say so in a sentence (and with the right exit code).
public struct ReportCallError: Error, Sendable, CustomStringConvertible {
    public enum Service: String, Sendable {
        case intake
        case assessment
        case accountability
    }

    public let service: Service
    public let error: RPCError

    public init(service: Service, error: RPCError) {
        self.service = service
        self.error = error
    }

    public var description: String { "\(service.rawValue): \(error)" }
}

/// Runs one call to `service`, naming the service in any failure.
func calling<Result: Sendable>(_ service: ReportCallError.Service, _ body: () async throws -> Result) async throws
    -> Result
{
    do {
        return try await body()
    } catch let error as RPCError {
        throw ReportCallError(service: service, error: error)
    }
}
