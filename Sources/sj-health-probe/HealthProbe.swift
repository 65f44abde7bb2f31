// sj-health-probe: asks a server's grpc.health.v1.Health whether it is SERVING, for container
// health checks (deploy/Dockerfile's HEALTHCHECK) and scripts. One Check call, then exit.
import ArgumentParser
import GRPC
import GRPCCore
import Messages
import Stubs

@main
struct HealthProbe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sj-health-probe",
        abstract: "Exits 0 if a gRPC server reports SERVING for a service, 1 otherwise.",
        discussion: """
            Makes one grpc.health.v1.Health/Check call and prints one line saying what it found. Exit status: \
            0 when the answer is SERVING; 1 for anything else (NOT_SERVING, which a shutting-down server \
            answers; an unknown service name; no server listening; no answer within --timeout); 64 for a \
            usage error. 2 is never used: container engines reserve it in health checks.

            The address is numeric (127.0.0.1, ::1) or localhost: the probe is meant to run next to the \
            server, inside its container.

            Examples:
              sj-health-probe 127.0.0.1:50051
              sj-health-probe 127.0.0.1:50052 shuangjiang.assessment.v1.AssessmentService
            """)

    @Argument(help: "Where the server listens, HOST:PORT (e.g. 127.0.0.1:50051).")
    var address: String

    @Argument(help: "The service to ask about, by full name; empty (the default) asks about the whole server.")
    var service = ""

    @Option(help: "Seconds to wait for the connection and the answer together.")
    var timeout = 5

    func validate() throws {
        guard parsedAddress != nil else {
            throw ValidationError("\"\(address)\" is not HOST:PORT with a port 1-65535 (e.g. 127.0.0.1:50051)")
        }
        guard timeout > 0 else { throw ValidationError("--timeout needs a positive number of seconds") }
    }

    /// HOST:PORT split at the last colon, so [::1]:50051 works; the brackets are the channel's
    /// business (SocketAddress strips them).
    private var parsedAddress: (host: String, port: Int)? {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
            (1...65535).contains(port)
        else { return nil }
        let host = String(address[..<colon])
        return host.isEmpty ? nil : (host, port)
    }

    func run() async throws {
        guard let (host, port) = parsedAddress else { throw ExitCode(64) }
        let subject = service.isEmpty ? "the server" : service
        var serving = false
        let finding: String
        do {
            let status = try await check(host: host, port: port)
            serving = status == .serving
            finding = "\(subject) is \(Self.name(status))"
        } catch let error as RPCError where error.code == .notFound {
            finding = "does not serve \(subject) (NOT_FOUND)"
        } catch {
            finding = "no answer about \(subject): \(error)"
        }
        print("\(address): \(finding)")
        if !serving { throw ExitCode(1) }
    }

    private func check(host: String, port: Int) async throws -> Grpc.Health.V1.HealthCheckResponse.ServingStatus {
        var configuration = Channel.Configuration()
        // A probe that waited out the channel's usual 20 s connect timeout would outlive a
        // container engine's health-check timeout; the whole probe has one budget.
        configuration.connectTimeout = .seconds(timeout)
        let channel = try Channel(host: host, port: port, configuration: configuration)
        defer { channel.close() }
        var request = Grpc.Health.V1.HealthCheckRequest()
        request.service = service
        let response = try await Grpc.Health.V1.Health.Client(channel: channel).check(
            request, options: CallOptions(timeout: .seconds(timeout)))
        return response.status
    }

    /// The status as the proto spells it, which is what operators read in grpc_health_probe and
    /// grpcurl output.
    static func name(_ status: Grpc.Health.V1.HealthCheckResponse.ServingStatus) -> String {
        switch status {
        case .unknown: "UNKNOWN"
        case .serving: "SERVING"
        case .notServing: "NOT_SERVING"
        case .serviceUnknown: "SERVICE_UNKNOWN"
        case .unrecognized(let value): "status \(value)"
        }
    }
}
