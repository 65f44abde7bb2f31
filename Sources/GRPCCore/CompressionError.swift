/// Why a message could not be compressed or decompressed.
public enum CompressionError: Error, Hashable, Sendable {
    /// Not a valid stream for the algorithm, truncated, or followed by extra bytes.
    case corrupt
    /// The decompressed message would exceed the receive limit.
    case tooLarge(limit: Int)
}

extension CompressionError: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch self {
        case .corrupt:
            RPCError(code: .internalError, message: "failed to decompress message")
        case .tooLarge(let limit):
            RPCError(code: .resourceExhausted, message: "decompressed message larger than max (\(limit))")
        }
    }
}
