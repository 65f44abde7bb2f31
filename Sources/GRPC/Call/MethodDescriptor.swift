/// One RPC method: where it lives and how many messages flow each way.
public struct MethodDescriptor: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        case unary, clientStreaming, serverStreaming, bidirectionalStreaming
    }

    /// The full service name, e.g. `grpc.testing.TestService`.
    public let service: String
    /// The method name, e.g. `UnaryCall`.
    public let method: String
    public let kind: Kind
    /// `/<service>/<method>`, the HTTP/2 `:path` the method is routed on.
    public let path: String

    public init(service: String, method: String, kind: Kind) {
        self.service = service
        self.method = method
        self.kind = kind
        self.path = "/\(service)/\(method)"
    }

    public var description: String { path }
}
