import GRPC
import GRPCCore
import Messages
import Stubs

/// Serves the deprecated `grpc.reflection.v1alpha.ServerReflection` with the shared
/// implementation. Its messages are field-for-field those of v1, so each one converts through
/// its wire form.
struct ReflectionV1AlphaAdapter: Grpc.Reflection.V1alpha.ServerReflection.ServiceProtocol {
    let service: ReflectionService

    func serverReflectionInfo(
        _ requests: RequestStream<Grpc.Reflection.V1alpha.ServerReflectionRequest>,
        response: ResponseWriter<Grpc.Reflection.V1alpha.ServerReflectionResponse>, context: ServerContext
    ) async throws {
        let converted = requests.map { try Self.convert($0, to: Grpc.Reflection.V1.ServerReflectionRequest.self) }
        try await service.serve(converted) {
            try await response.write(Self.convert($0, to: Grpc.Reflection.V1alpha.ServerReflectionResponse.self))
        }
    }

    private static func convert<From: ProtoMessage, To: ProtoMessage>(_ message: From, to: To.Type) throws -> To {
        do {
            return try To(serializedBytes: message.serializedBytes())
        } catch {
            throw RPCError(code: .internalError, message: "could not convert \(From.protoMessageName): \(error)")
        }
    }
}
