public import GRPCCore
public import Messages

extension ProtoMessage {
    /// Decodes a stored body; a failure means the database holds something we did not write.
    public init(storedBytes bytes: [UInt8]) throws(RPCError) {
        do {
            try self.init(serializedBytes: bytes)
        } catch {
            throw RPCError(
                code: .dataLoss, message: "a stored \(Self.protoMessageName) could not be decoded", cause: error)
        }
    }

    /// What identifies a creating request apart from its id, for idempotency: its encoding. A
    /// retry must be the same request byte for byte; protobuf-c encodes fields in number order,
    /// so equal messages encode equally.
    public func requestFingerprint() throws(RPCError) -> [UInt8] {
        do {
            return try serializedBytes()
        } catch {
            throw RPCError.invalidArgument([.init(field: "", description: "could not be encoded: \(error)")])
        }
    }
}
