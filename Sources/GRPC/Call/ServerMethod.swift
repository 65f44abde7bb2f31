import GRPCCore
public import Messages

/// A method as the server runs it: its descriptor and a handler erased to raw messages. Generated
/// service code builds these with the typed factories below; nothing else needs to.
public struct ServerMethod: Sendable {
    public let descriptor: MethodDescriptor
    let handle: @Sendable (ServerCall) async throws -> Void

    public static func unary<Request: ProtoMessage, Response: ProtoMessage>(
        _ descriptor: MethodDescriptor, _: Request.Type, _: Response.Type,
        _ handler: @escaping @Sendable (Request, ServerContext) async throws -> Response
    ) -> ServerMethod {
        ServerMethod(descriptor: descriptor) { call in
            let request: Request = try await call.singleRequest()
            call.context.requestId = (request as? any RequestIdentifying)?.requestId
            let response = try await handler(request, call.context)
            try await call.writeResponse(response)
        }
    }

    public static func serverStreaming<Request: ProtoMessage, Response: ProtoMessage>(
        _ descriptor: MethodDescriptor, _: Request.Type, _: Response.Type,
        _ handler: @escaping @Sendable (Request, ResponseWriter<Response>, ServerContext) async throws -> Void
    ) -> ServerMethod {
        ServerMethod(descriptor: descriptor) { call in
            let request: Request = try await call.singleRequest()
            call.context.requestId = (request as? any RequestIdentifying)?.requestId
            try await handler(request, ResponseWriter(call: call), call.context)
        }
    }

    public static func clientStreaming<Request: ProtoMessage, Response: ProtoMessage>(
        _ descriptor: MethodDescriptor, _: Request.Type, _: Response.Type,
        _ handler: @escaping @Sendable (RequestStream<Request>, ServerContext) async throws -> Response
    ) -> ServerMethod {
        ServerMethod(descriptor: descriptor) { call in
            let response = try await handler(RequestStream(call: call), call.context)
            try await call.writeResponse(response)
        }
    }

    public static func bidirectionalStreaming<Request: ProtoMessage, Response: ProtoMessage>(
        _ descriptor: MethodDescriptor, _: Request.Type, _: Response.Type,
        _ handler:
            @escaping @Sendable (RequestStream<Request>, ResponseWriter<Response>, ServerContext) async throws ->
            Void
    ) -> ServerMethod {
        ServerMethod(descriptor: descriptor) { call in
            try await handler(RequestStream(call: call), ResponseWriter(call: call), call.context)
        }
    }
}

/// A service the server can host: generated service protocols conform through their `methods`.
public protocol RegistrableService: Sendable {
    var methods: [ServerMethod] { get }
}
