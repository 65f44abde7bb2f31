import ArgumentParser
public import GRPC
public import GRPCCore
public import Messages
public import Stubs
import Synchronization

/// The channels of one sjctl invocation: one per distinct address, opened on first use and
/// shared by the services behind it, closed by `close()`.
///
///     let connections = try Connections(options)
///     defer { connections.close() }
///     let region = try await connections.call(.intake) { try await $0.intake.getRegion(request, options: $1) }
///
/// `call` wraps any RPCError in a ``ServiceCallError`` that names the service and its address,
/// which is what ``ErrorReport`` turns into a sentence.
public final class Connections: Sendable {
    public let options: ConnectionOptions
    private let channels = Mutex<[ServerAddress: Channel]>([:])

    public init(_ options: ConnectionOptions) {
        self.options = options
    }

    /// The channel `service` is reached on.
    public func channel(for service: ServiceName) throws -> Channel {
        let address = try options.address(for: service)
        return try channels.withLock { open in
            if let channel = open[address] { return channel }
            let channel: Channel
            do {
                channel = try Channel(host: address.host, port: address.port, configuration: Self.configuration)
            } catch {
                throw ValidationError("\(address) is not an address sjctl can connect to (\(error)); use an IP address")
            }
            open[address] = channel
            return channel
        }
    }

    public var intake: Shuangjiang.Intake.V1.IntakeService.Client {
        get throws { .init(channel: try channel(for: .intake)) }
    }

    public var assessment: Shuangjiang.Assessment.V1.AssessmentService.Client {
        get throws { .init(channel: try channel(for: .assessment)) }
    }

    public var accountability: Shuangjiang.Accountability.V1.AccountabilityService.Client {
        get throws { .init(channel: try channel(for: .accountability)) }
    }

    /// Call options for one ordinary call: `--timeout`, else 30 s.
    public var callOptions: CallOptions { CallOptions(timeout: options.callTimeout()) }

    /// Call options for a call that may run long (a watch, an import): `--timeout` if given, else
    /// no limit.
    public var longCallOptions: CallOptions { CallOptions(timeout: options.callTimeout(standard: nil)) }

    /// Runs one call to `service`, naming the service and address in any failure.
    public func call<Result: Sendable>(
        _ service: ServiceName, _ body: (Connections, CallOptions) async throws -> Result
    ) async throws -> Result {
        do {
            return try await body(self, callOptions)
        } catch let error as RPCError {
            throw ServiceCallError(service: service, address: try options.address(for: service), error: error)
        }
    }

    /// A creating call: as ``call(_:_:)``, and a failure that may have left the write done (no
    /// answer in time, connection lost) says how to retry with the same request id.
    public func create<Result: Sendable>(
        _ service: ServiceName, requestID: String, _ body: (Connections, CallOptions) async throws -> Result
    ) async throws -> Result {
        do {
            return try await call(service, body)
        } catch var error as ServiceCallError {
            error.requestID = requestID
            throw error
        }
    }

    public func close() {
        let open = channels.withLock { open in
            defer { open = [:] }
            return Array(open.values)
        }
        for channel in open { channel.close() }
    }

    /// A person is waiting: a refused connection is reported at once (the channel fails a call
    /// rather than waiting for a connection), and an unanswered connect gives up after 10 s.
    static let configuration: Channel.Configuration = {
        var configuration = Channel.Configuration()
        configuration.connectTimeout = .seconds(10)
        configuration.initialBackoff = .milliseconds(200)
        configuration.maxBackoff = .seconds(5)
        return configuration
    }()
}

/// A call to one service failed: the status, and which service at which address.
public struct ServiceCallError: Error, Sendable {
    public let service: ServiceName
    public let address: ServerAddress
    public let error: RPCError
    /// The request id of a creating call, so the sentence can say how to retry it safely.
    public var requestID: String?

    public init(service: ServiceName, address: ServerAddress, error: RPCError, requestID: String? = nil) {
        self.service = service
        self.address = address
        self.error = error
        self.requestID = requestID
    }
}
