import GRPC
import Messages
import Stubs

/// Serves `grpc.reflection.v1.ServerReflection` with the shared implementation.
struct ReflectionV1Adapter: Grpc.Reflection.V1.ServerReflection.ServiceProtocol {
    let service: ReflectionService

    func serverReflectionInfo(
        _ requests: RequestStream<Grpc.Reflection.V1.ServerReflectionRequest>,
        response: ResponseWriter<Grpc.Reflection.V1.ServerReflectionResponse>, context: ServerContext
    ) async throws {
        try await service.serve(requests) { try await response.write($0) }
    }
}
