/// Why a stream's received bytes are not a valid sequence of gRPC messages.
public enum DeframingError: Error, Hashable, Sendable {
    /// The length prefix announced more than the receive limit; nothing of it was buffered.
    case messageTooLarge(size: UInt32, limit: Int)
    /// The flag byte was neither 0 nor 1.
    case invalidCompressedFlag(UInt8)
}

extension DeframingError: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch self {
        case .messageTooLarge(let size, let limit):
            // grpc-go's and grpc core's wording, so logs and interop tests read the same.
            RPCError(code: .resourceExhausted, message: "received message larger than max (\(size) vs. \(limit))")
        case .invalidCompressedFlag(let flag):
            RPCError(code: .internalError, message: "invalid compressed flag \(flag) in message prefix")
        }
    }
}
