/// A message compression named in `grpc-encoding`; the raw value is the header token.
public enum CompressionAlgorithm: String, Sendable, CaseIterable {
    case identity
    /// RFC 1952.
    case gzip
    /// zlib-wrapped deflate (RFC 1950), as gRPC means it, not raw RFC 1951.
    case deflate
}
