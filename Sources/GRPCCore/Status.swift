/// The outcome of an RPC, successful or not: what goes into `grpc-status` and `grpc-message`.
///
/// ``RPCError`` is the error-only counterpart that also carries trailing metadata.
public struct Status: Hashable, Sendable, CustomStringConvertible {
    public var code: StatusCode
    /// Plain text; percent-encoding happens only on the wire (``PercentEncoding``).
    public var message: String

    public init(code: StatusCode, message: String) {
        self.code = code
        self.message = message
    }

    public static let ok = Status(code: .ok, message: "")

    public var description: String {
        message.isEmpty ? code.description : "\(code): \(message)"
    }
}
