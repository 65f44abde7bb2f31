/// The validated HEADERS of an incoming gRPC request.
public struct RequestHead: Sendable {
    /// `:method`; always `POST` once validated.
    public var method: String
    /// `:path`, `/<package>.<Service>/<Method>`; route on all of it, case-sensitively.
    public var path: String
    public var scheme: String
    public var authority: String?
    /// Starts with `application/grpc`.
    public var contentType: String
    public var te: String?
    /// `nil` when the client set no deadline.
    public var timeout: Duration?
    /// The compression of request messages; `nil` when the client named none.
    public var encoding: CompressionAlgorithm?
    /// The compressions the client accepts for response messages, in the order sent; names this
    /// runtime does not implement are left out.
    public var acceptEncoding: [CompressionAlgorithm]
    public var userAgent: String?
    public var metadata: Metadata

    public init(
        method: String = "POST", path: String, scheme: String = "http", authority: String? = nil,
        contentType: String = "application/grpc", te: String? = "trailers", timeout: Duration? = nil,
        encoding: CompressionAlgorithm? = nil, acceptEncoding: [CompressionAlgorithm] = [], userAgent: String? = nil,
        metadata: Metadata = [:]
    ) {
        self.method = method
        self.path = path
        self.scheme = scheme
        self.authority = authority
        self.contentType = contentType
        self.te = te
        self.timeout = timeout
        self.encoding = encoding
        self.acceptEncoding = acceptEncoding
        self.userAgent = userAgent
        self.metadata = metadata
    }
}
