/// Why request HEADERS are not an acceptable gRPC request, and how the server answers.
public enum RequestHeadError: Error, Hashable, Sendable {
    case notPOST
    /// No `:path`, or one that does not start with `/`.
    case missingPath
    /// Missing or not `application/grpc[+…|;…]`: answered with HTTP 415, so that non-gRPC
    /// clients get an HTTP-level answer.
    case unsupportedContentType(String?)
    /// `te` present but not `trailers`.
    case invalidTE(String)
    case invalidTimeout(String)
    /// A `grpc-encoding` we cannot decode: `UNIMPLEMENTED`, and the reply must carry
    /// `grpc-accept-encoding` (``Compression/acceptEncoding``) so the client can retry.
    case unsupportedEncoding(String)

    /// The `:status` of the Trailers-Only reply, after grpc-go: only a request that is gRPC
    /// but asks for something we lack gets 200.
    public var httpStatus: Int {
        switch self {
        case .notPOST: 405
        case .unsupportedContentType: 415
        case .missingPath, .invalidTE, .invalidTimeout: 400
        case .unsupportedEncoding: 200
        }
    }
}

extension RequestHeadError: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch self {
        case .notPOST:
            RPCError(code: .internalError, message: "gRPC requires :method POST")
        case .missingPath:
            RPCError(code: .internalError, message: "missing or malformed :path")
        case .unsupportedContentType(let value):
            RPCError(code: .internalError, message: "invalid gRPC request content-type \"\(value ?? "")\"")
        case .invalidTE(let value):
            RPCError(code: .internalError, message: "invalid te \"\(value)\", gRPC requires \"trailers\"")
        case .invalidTimeout(let value):
            RPCError(code: .internalError, message: "malformed grpc-timeout \"\(value)\"")
        case .unsupportedEncoding(let value):
            RPCError(
                code: .unimplemented,
                message: "grpc-encoding \"\(value)\" is not supported; use one of \(Compression.acceptEncoding)",
                metadata: ["grpc-accept-encoding": .string(Compression.acceptEncoding)])
        }
    }
}
