public import GRPC
internal import GRPCCore
public import Messages
public import Storage

/// Serves a database's change feed on a Watch RPC: the backlog after the client's sequence in
/// batches, then each commit as it lands, so a consumer that resumes from its own cursor misses
/// nothing and sees nothing twice.
///
/// - `after_sequence` beyond the head is not an error: the stream waits for that sequence to be
///   passed (or, with `stop_at_head`, ends at once with nothing sent).
/// - On server shutdown the stream ends UNAVAILABLE naming the sequence to resume after.
public struct FeedServer: Sendable {
    public let database: Database
    /// Events read per storage round trip while catching up.
    public let batchSize: Int

    public init(database: Database, batchSize: Int = 256) {
        precondition(batchSize >= 1, "a batch holds at least one event")
        self.database = database
        self.batchSize = batchSize
    }

    /// Streams events with sequence > `after` to `response`, each made into the RPC's message by
    /// `message`; returns at the head when `stopAtHead`, else runs until the client goes away.
    public func serve<M: ProtoMessage>(
        after: Int64, stopAtHead: Bool, to response: ResponseWriter<M>,
        _ message: @escaping @Sendable (FeedEvent) throws -> M
    ) async throws {
        try await serve(after: after, stopAtHead: stopAtHead) { event in try await response.write(try message(event)) }
    }

    /// The same, each event sent as the encoding `encoded` makes of it: for a feed whose stored
    /// payload is most of the message already, spliced rather than decoded and encoded again.
    public func serve<M: ProtoMessage>(
        after: Int64, stopAtHead: Bool, to response: ResponseWriter<M>,
        encoded: @escaping @Sendable (FeedEvent) throws -> [UInt8]
    ) async throws {
        try await serve(after: after, stopAtHead: stopAtHead) { event in
            try await response.write(encoded: try encoded(event))
        }
    }

    private func serve(after: Int64, stopAtHead: Bool, send: (FeedEvent) async throws -> Void) async throws {
        guard after >= 0 else {
            throw RPCError.invalidArgument([.init(field: "after_sequence", description: "must not be negative")])
        }
        // Subscribe before the first read: a commit landing between the read and the
        // subscription would otherwise go unnoticed until the next one.
        var heads = database.committedSequences().makeAsyncIterator()
        var cursor = after
        let batchSize = batchSize
        while true {
            while true {
                let from = cursor
                let batch = try await database.read { tx in try tx.events(after: from, limit: batchSize) }
                for event in batch {
                    try await send(event)
                    cursor = event.seq
                }
                if batch.count < batchSize { break }
            }
            if stopAtHead { return }
            var head = cursor
            while head <= cursor {
                guard let next = await heads.next() else {
                    try Task.checkCancellation()
                    throw RPCError(
                        code: .unavailable, message: "the server is shutting down; resume after sequence \(cursor)")
                }
                head = next
            }
        }
    }
}
