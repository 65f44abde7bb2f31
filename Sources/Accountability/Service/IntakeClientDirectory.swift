public import GRPC
internal import GRPCCore
public import Messages
internal import Stubs
internal import Synchronization

/// Intake asked over gRPC (in memory when it runs in this process). The channel is made on the
/// first question: the host hands out channels only once the server listens.
public final class IntakeClientDirectory: IntakeDirectory {
    public typealias Intake = Shuangjiang.Intake.V1

    private let makeChannel: @Sendable () throws -> Channel
    private let client = Mutex<Intake.IntakeService.Client?>(nil)
    /// A request waits this long for intake before it is told intake is unavailable.
    static let timeout: Duration = .seconds(5)

    public init(channel: @escaping @Sendable () throws -> Channel) {
        makeChannel = channel
    }

    public func region(_ id: String, field: String) async throws -> Intake.Region? {
        var request = Intake.GetRegionRequest()
        request.id = id
        return try await ask(field) { try await $0.getRegion(request, options: $1) }
    }

    public func agency(_ id: String, field: String) async throws -> Intake.Agency? {
        var request = Intake.GetAgencyRequest()
        request.id = id
        return try await ask(field) { try await $0.getAgency(request, options: $1) }
    }

    public func caseRecord(_ id: String, field: String) async throws -> Intake.Case? {
        var request = Intake.GetCaseRequest()
        request.id = id
        return try await ask(field) { try await $0.getCase(request, options: $1) }
    }

    public func opinion(_ id: String, field: String) async throws -> Intake.Opinion? {
        var request = Intake.GetOpinionRequest()
        request.id = id
        return try await ask(field) { try await $0.getOpinion(request, options: $1) }
    }

    private func intake() throws -> Intake.IntakeService.Client {
        try client.withLock { client in
            if let client { return client }
            let made = Intake.IntakeService.Client(channel: try makeChannel())
            client = made
            return made
        }
    }

    /// NOT_FOUND (and an id intake calls malformed) is "none"; anything else is intake not
    /// answering, which the caller can only retry.
    private func ask<T: Sendable>(
        _ field: String, _ call: (Intake.IntakeService.Client, CallOptions) async throws -> T
    ) async throws -> T? {
        do {
            return try await call(try intake(), CallOptions(timeout: Self.timeout))
        } catch let error as RPCError where error.code == .notFound || error.code == .invalidArgument {
            return nil
        } catch {
            throw RPCError(
                code: .unavailable, message: "\(field): intake cannot be reached to check it; retry", cause: error)
        }
    }
}
