public import GRPC
internal import GRPCCore
public import Messages
internal import Storage

extension IntakeService {
    /// Changes read per storage round trip while catching up.
    static let watchBatchSize = 256

    public func watchEvents(
        _ request: V1.WatchEventsRequest, response: ResponseWriter<V1.ChangeEvent>, context: ServerContext
    ) async throws {
        guard request.afterSequence >= 0 else {
            throw RPCError.invalidArgument([.init(field: "after_sequence", description: "must not be negative")])
        }
        // Subscribe before the first read: a commit landing between the read and the
        // subscription would otherwise go unnoticed until the next one.
        var heads = database.committedSequences().makeAsyncIterator()
        var cursor = request.afterSequence
        while true {
            while true {
                let after = cursor
                let batch = try await read { tx in try tx.events(after: after, limit: Self.watchBatchSize) }
                for event in batch {
                    try await response.write(try Self.change(event))
                    cursor = event.seq
                }
                if batch.count < Self.watchBatchSize { break }
            }
            if request.stopAtHead { return }
            var head = cursor
            while head <= cursor {
                guard let next = await heads.next() else {
                    try Task.checkCancellation()
                    throw RPCError(code: .unavailable, message: "the server is shutting down; resume from \(cursor)")
                }
                head = next
            }
        }
    }

    /// A feed row as the ChangeEvent clients see: the stored change plus its position and time.
    static func change(_ event: FeedEvent) throws -> V1.ChangeEvent {
        var change = try decode(V1.ChangeEvent.self, event.payload)
        change.sequence = event.seq
        change.committedAt = Instant(milliseconds: event.committedAt).timestamp
        return change
    }
}
