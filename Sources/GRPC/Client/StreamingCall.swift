import EventLoop
public import GRPCCore
public import Messages

/// A client call with streams on either side: send requests, read responses, see metadata and the
/// final status. Usable from any task; the work happens on the channel's loop.
///
///     let call = client.fullDuplexCall()
///     try await call.send(request)
///     call.closeSend()
///     for try await response in call.responses { ... }
public final class StreamingCall<Request: ProtoMessage, Response: ProtoMessage>: Sendable {
    let stream: ClientStream

    init(stream: ClientStream) {
        self.stream = stream
    }

    /// Sends one request; waits while too much is already queued (HTTP/2 flow control).
    public func send(_ request: Request) async throws {
        let payload: [UInt8]
        do {
            payload = try request.serializedBytes()
        } catch {
            throw RPCError(code: .internalError, message: "could not encode the request: \(error)")
        }
        let stream = self.stream
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            stream.loop.execute {
                do {
                    if try stream.send(payload) {
                        stream.waitForSendCapacity(continuation)
                    } else {
                        continuation.resume()
                    }
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// Tells the server no more requests will come.
    public func closeSend() {
        let stream = self.stream
        stream.loop.execute { stream.closeSend() }
    }

    /// The response messages; the sequence ends when the call ends with OK and throws the
    /// ``RPCError`` otherwise.
    public var responses: Responses { Responses(stream: stream) }

    public struct Responses: AsyncSequence, Sendable {
        let stream: ClientStream

        public struct AsyncIterator: AsyncIteratorProtocol {
            let stream: ClientStream
            /// Messages taken from the stream in one hop and not returned yet, from `position` on.
            private var taken: [[UInt8]] = []
            private var position = 0
            /// The batch taken was the last: after it, the sequence ends without asking again.
            private var ended = false

            init(stream: ClientStream) {
                self.stream = stream
            }

            public mutating func next() async throws -> Response? {
                if position == taken.count {
                    guard !ended, let batch = try await stream.nextMessagesFromAnyThread() else {
                        taken = []
                        position = 0
                        return nil
                    }
                    taken = batch.messages
                    position = 0
                    ended = batch.isLast
                }
                let bytes = taken[position]
                taken[position] = []  // the decoded message is all that is kept of it
                position += 1
                do {
                    return try Response(serializedBytes: bytes)
                } catch {
                    taken = []
                    position = 0
                    let stream = self.stream
                    let failure = RPCError(code: .internalError, message: "failed to parse response: \(error)")
                    stream.loop.execute { stream.abort(failure) }
                    throw failure
                }
            }
        }

        public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(stream: stream) }
    }

    /// Closes the sending side and returns the single response (client-streaming calls).
    public func response() async throws -> Response {
        closeSend()
        var iterator = responses.makeAsyncIterator()
        guard let response = try await iterator.next() else {
            throw RPCError(code: .unimplemented, message: "the server sent no response message")
        }
        if try await iterator.next() != nil {
            throw RPCError(code: .unimplemented, message: "the server sent more than one response message")
        }
        return response
    }

    /// The response headers' metadata; waits for them.
    public func initialMetadata() async throws -> Metadata {
        let stream = self.stream
        return try await withCheckedThrowingContinuation { continuation in
            stream.loop.execute { stream.waitForInitialMetadata(continuation) }
        }
    }

    /// The final status; waits for the call to end.
    public func status() async -> Status {
        let stream = self.stream
        return await withCheckedContinuation { continuation in
            stream.loop.execute { stream.waitForStatus(continuation) }
        }
    }

    /// The trailing metadata; waits for the call to end.
    public func trailingMetadata() async -> Metadata {
        _ = await status()
        let stream = self.stream
        return await withCheckedContinuation { continuation in
            stream.loop.execute { continuation.resume(returning: stream.trailingMetadata) }
        }
    }

    /// Cancels the call: the server sees RST_STREAM(CANCEL), the call ends with CANCELLED.
    public func cancel() {
        let stream = self.stream
        stream.loop.execute {
            stream.abort(RPCError(code: .cancelled, message: "the call was cancelled by the client"))
        }
    }
}

extension ClientStream {
    func nextMessagesFromAnyThread() async throws -> InboundBatch? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                loop.execute { self.nextMessages(continuation) }
            }
        } onCancel: {
            loop.execute { self.abort(RPCError(code: .cancelled, message: "the calling task was cancelled")) }
        }
    }
}
