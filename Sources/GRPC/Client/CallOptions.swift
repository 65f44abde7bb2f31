public import GRPCCore

/// Per-call settings on the client.
public struct CallOptions: Sendable {
    /// How long the call may take; sent as `grpc-timeout` and enforced locally too.
    public var timeout: Duration?
    /// Custom request metadata (`-bin` keys carry binary values).
    public var metadata: Metadata
    /// Compress request messages with this algorithm.
    public var compression: CompressionAlgorithm?

    public init(timeout: Duration? = nil, metadata: Metadata = [:], compression: CompressionAlgorithm? = nil) {
        self.timeout = timeout
        self.metadata = metadata
        self.compression = compression
    }
}
