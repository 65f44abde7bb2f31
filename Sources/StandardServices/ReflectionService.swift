public import GRPC
import GRPCCore
import Messages
import Stubs

/// Server reflection (`grpc.reflection.v1` and the deprecated `v1alpha`, one implementation
/// under both names, since grpcurl asks v1 first and older clients only know v1alpha), answering
/// from the descriptor set of every file in proto/.
///
///     let services: [any RegistrableService] = [IntakeService(...), health]
///     let server = Server(loop: loop, services: services + [ReflectionService(services: services)])
public final class ReflectionService: RegistrableService {
    /// What `list_services` answers, sorted; always includes both reflection services.
    public let serviceNames: [String]

    /// - Parameter serviceNames: the full names of the services the server hosts.
    public init(serviceNames: some Sequence<String>) {
        let own = [Grpc.Reflection.V1.ServerReflection.name, Grpc.Reflection.V1alpha.ServerReflection.name]
        self.serviceNames = Set(serviceNames).union(own).sorted()
    }

    /// Lists the services among `services` (the server's other services).
    public convenience init(services: [any RegistrableService]) {
        self.init(serviceNames: services.flatMap { $0.methods.map(\.descriptor.service) })
    }

    public var methods: [ServerMethod] {
        ReflectionV1Adapter(service: self).methods + ReflectionV1AlphaAdapter(service: self).methods
    }

    /// Answers each request with one response, in order, until the client half-closes.
    func serve(
        _ requests: some AsyncSequence<Grpc.Reflection.V1.ServerReflectionRequest, any Error>,
        send: (Grpc.Reflection.V1.ServerReflectionResponse) async throws -> Void
    ) async throws {
        let index: DescriptorIndex
        do {
            index = try DescriptorIndex.shared.get()
        } catch {
            throw RPCError(code: .internalError, message: "server reflection is unavailable: \(error)")
        }
        for try await request in requests {
            try await send(response(to: request, index: index))
        }
    }

    func response(
        to request: Grpc.Reflection.V1.ServerReflectionRequest, index: DescriptorIndex
    ) -> Grpc.Reflection.V1.ServerReflectionResponse {
        var response = Grpc.Reflection.V1.ServerReflectionResponse()
        response.validHost = request.host
        response.originalRequest = request
        response.messageResponse = answer(request.messageRequest, index: index)
        return response
    }

    private typealias Answer = Grpc.Reflection.V1.ServerReflectionResponse.MessageResponse

    private func answer(
        _ request: Grpc.Reflection.V1.ServerReflectionRequest.MessageRequest?, index: DescriptorIndex
    ) -> Answer {
        switch request {
        case .listServices:
            var list = Grpc.Reflection.V1.ListServiceResponse()
            list.service = serviceNames.map { name in
                var service = Grpc.Reflection.V1.ServiceResponse()
                service.name = name
                return service
            }
            return .listServicesResponse(list)
        case .fileByFilename(let name):
            return files(index.fileWithDependencies(named: name), orError: "file \"\(name)\" not found")
        case .fileContainingSymbol(let symbol):
            let file = index.fileName(containingSymbol: symbol)
            return files(file.flatMap(index.fileWithDependencies), orError: "symbol \"\(symbol)\" not found")
        case .fileContainingExtension(let request):
            let file = index.fileName(containingExtension: request.extensionNumber, of: request.containingType)
            return files(
                file.flatMap(index.fileWithDependencies),
                orError: "extension \(request.extensionNumber) of \"\(request.containingType)\" not found")
        case .allExtensionNumbersOfType(let type):
            guard let numbers = index.extensionNumbers(of: type) else {
                return Self.error(.notFound, "message type \"\(type)\" not found")
            }
            var extensions = Grpc.Reflection.V1.ExtensionNumberResponse()
            extensions.baseTypeName = type
            extensions.extensionNumber = numbers
            return .allExtensionNumbersResponse(extensions)
        case nil:
            return Self.error(.invalidArgument, "the request names no query")
        }
    }

    private func files(_ bytes: [[UInt8]]?, orError message: String) -> Answer {
        guard let bytes else { return Self.error(.notFound, message) }
        var response = Grpc.Reflection.V1.FileDescriptorResponse()
        response.fileDescriptorProto = bytes
        return .fileDescriptorResponse(response)
    }

    /// Failed lookups answer in-band so the stream stays usable for the next query.
    private static func error(_ code: StatusCode, _ message: String) -> Answer {
        var error = Grpc.Reflection.V1.ErrorResponse()
        error.errorCode = code.rawValue
        error.errorMessage = message
        return .errorResponse(error)
    }
}
