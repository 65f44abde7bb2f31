/// A failed RPC: the status code and message the peer sees, plus trailing metadata.
///
/// Handlers throw it (or an ``RPCErrorConvertible``) to choose the status a client receives.
/// Anything else they throw becomes `UNKNOWN` (see ``init(converting:)``).
public struct RPCError: Error, Hashable, Sendable, CustomStringConvertible {
    public var code: StatusCode
    public var message: String
    /// Sent in the trailers alongside `grpc-status`.
    public var metadata: Metadata
    /// The underlying error, for logs only: it never reaches the wire and is not part of equality.
    public var cause: (any Error)?

    public init(code: StatusCode, message: String, metadata: Metadata = [:], cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.metadata = metadata
        self.cause = cause
    }

    public var status: Status { Status(code: code, message: message) }

    public var description: String {
        var text = message.isEmpty ? code.description : "\(code): \(message)"
        if let cause {
            text += " (cause: \(cause))"
        }
        return text
    }

    public static func == (lhs: RPCError, rhs: RPCError) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message && lhs.metadata == rhs.metadata
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(message)
        hasher.combine(metadata)
    }
}
