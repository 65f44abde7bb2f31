public import Messages

/// The request messages of a client- or bidirectional-streaming call, in order.
///
/// Iterating ends when the client half-closes; it throws the call's ``RPCError`` when the call is
/// cancelled, times out, or a message is malformed. Reading is what grants the client more
/// HTTP/2 flow-control credit, so a handler that stops reading slows its client down.
public struct RequestStream<Message: ProtoMessage>: AsyncSequence, Sendable {
    let call: ServerCall

    public struct AsyncIterator: AsyncIteratorProtocol {
        let call: ServerCall

        public mutating func next() async throws -> Message? {
            try await call.nextRequest()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(call: call)
    }
}
