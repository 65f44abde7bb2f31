import GRPC
import GRPCCore
import Messages
import Stubs

/// grpc.testing.TestService as the gRPC interop test descriptions specify it: echo status and
/// metadata, compressed payloads on request, and response intervals.
struct TestService: Grpc.Testing.TestService.ServiceProtocol {
    typealias Testing = Grpc.Testing

    func emptyCall(_ request: Testing.Empty, context: ServerContext) async throws -> Testing.Empty {
        echoMetadata(context)
        return Testing.Empty()
    }

    func unaryCall(_ request: Testing.SimpleRequest, context: ServerContext) async throws -> Testing.SimpleResponse {
        echoMetadata(context)
        if request.expectCompressed?.value == true && !context.requestWasCompressed {
            throw RPCError(code: .invalidArgument, message: "expected a compressed request")
        }
        if let status = request.responseStatus, status.code != 0 {
            throw RPCError(code: StatusCode(rawValue: status.code) ?? .unknown, message: status.message)
        }
        if request.responseCompressed?.value == true { context.responseCompression = .gzip }
        var response = Testing.SimpleResponse()
        response.payload = payload(size: request.responseSize)
        return response
    }

    func cacheableUnaryCall(_ request: Testing.SimpleRequest, context: ServerContext) async throws
        -> Testing.SimpleResponse
    {
        try await unaryCall(request, context: context)
    }

    func streamingOutputCall(
        _ request: Testing.StreamingOutputCallRequest, response: ResponseWriter<Testing.StreamingOutputCallResponse>,
        context: ServerContext
    ) async throws {
        echoMetadata(context)
        try await respond(request.responseParameters, to: response, context: context)
        if let status = request.responseStatus, status.code != 0 {
            throw RPCError(code: StatusCode(rawValue: status.code) ?? .unknown, message: status.message)
        }
    }

    func streamingInputCall(_ requests: RequestStream<Testing.StreamingInputCallRequest>, context: ServerContext)
        async throws -> Testing.StreamingInputCallResponse
    {
        var total: Int32 = 0
        for try await request in requests {
            if request.expectCompressed?.value == true && !context.requestWasCompressed {
                throw RPCError(code: .invalidArgument, message: "expected a compressed request")
            }
            total += Int32(request.payload?.body.count ?? 0)
        }
        var response = Testing.StreamingInputCallResponse()
        response.aggregatedPayloadSize = total
        return response
    }

    func fullDuplexCall(
        _ requests: RequestStream<Testing.StreamingOutputCallRequest>,
        response: ResponseWriter<Testing.StreamingOutputCallResponse>, context: ServerContext
    ) async throws {
        echoMetadata(context)
        for try await request in requests {
            if let status = request.responseStatus, status.code != 0 {
                throw RPCError(code: StatusCode(rawValue: status.code) ?? .unknown, message: status.message)
            }
            try await respond(request.responseParameters, to: response, context: context)
        }
    }

    func halfDuplexCall(
        _ requests: RequestStream<Testing.StreamingOutputCallRequest>,
        response: ResponseWriter<Testing.StreamingOutputCallResponse>, context: ServerContext
    ) async throws {
        var all: [Testing.StreamingOutputCallRequest] = []
        for try await request in requests { all.append(request) }
        for request in all { try await respond(request.responseParameters, to: response, context: context) }
    }

    func unimplementedCall(_ request: Testing.Empty, context: ServerContext) async throws -> Testing.Empty {
        throw RPCError(code: .unimplemented, message: "UnimplementedCall is not implemented, by design")
    }

    private func respond(
        _ parameters: [Testing.ResponseParameters], to writer: ResponseWriter<Testing.StreamingOutputCallResponse>,
        context: ServerContext
    ) async throws {
        if parameters.contains(where: { $0.compressed?.value == true }) { context.responseCompression = .gzip }
        for parameter in parameters {
            if parameter.intervalUs > 0 { try await Task.sleep(for: .microseconds(parameter.intervalUs)) }
            var message = Testing.StreamingOutputCallResponse()
            message.payload = payload(size: parameter.size)
            try await writer.write(message, compress: parameter.compressed?.value ?? false)
        }
    }

    private func payload(size: Int32) -> Testing.Payload {
        var payload = Testing.Payload()
        payload.type = .compressable
        payload.body = [UInt8](repeating: 0, count: Int(max(size, 0)))
        return payload
    }

    /// custom_metadata: echo these two keys back, one in the headers and one in the trailers.
    private func echoMetadata(_ context: ServerContext) {
        if let value = context.metadata.first("x-grpc-test-echo-initial") {
            context.initialMetadata.add("x-grpc-test-echo-initial", value)
        }
        if let value = context.metadata.firstBinary("x-grpc-test-echo-trailing-bin") {
            context.trailingMetadata.add("x-grpc-test-echo-trailing-bin", binary: value)
        }
    }
}
