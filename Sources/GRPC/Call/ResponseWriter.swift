public import Messages

/// Sends the response messages of a server- or bidirectional-streaming call.
public struct ResponseWriter<Message: ProtoMessage>: Sendable {
    let call: ServerCall

    /// Queues one message. Suspends while too much is already queued for this stream (the client
    /// is reading slowly); throws if the call has ended (cancelled, deadline passed).
    ///
    /// - Parameter compress: override the call's response compression for this message; gRPC
    ///   allows each message to be compressed or not.
    public func write(_ message: Message, compress: Bool? = nil) async throws {
        try await call.write(message, compress: compress)
    }

    /// Queues one message given as its encoding: bytes the caller already holds or put together
    /// (a stored body spliced with ``Messages/ProtoWire``), sent as they are instead of being
    /// decoded into a `Message` and encoded again. They must be a valid encoding of `Message`;
    /// the client is the one to find out if not.
    public func write(encoded bytes: [UInt8], compress: Bool? = nil) async throws {
        try await call.write(encoded: bytes, compress: compress)
    }
}
