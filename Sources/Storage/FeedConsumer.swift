/// Applies one database's change feed to another exactly once.
///
/// Each batch is applied in a single write on the destination that also advances the
/// consumer's cursor there, so a crash or cancellation between or inside batches leaves either
/// all of a batch applied and recorded, or none of it: a restarted consumer skips nothing and
/// applies nothing twice.
public struct FeedConsumer: Sendable {
    /// The cursor's name in the destination's `cursors` table.
    public let name: String
    public let source: Database
    public let destination: Database
    public let batchSize: Int

    public init(name: String, source: Database, destination: Database, batchSize: Int = 256) {
        precondition(batchSize >= 1, "a batch holds at least one event")
        self.name = name
        self.source = source
        self.destination = destination
        self.batchSize = batchSize
    }

    /// Applies the next events after the cursor, at most `batchSize`.
    /// - Returns: how many events were applied; 0 when caught up.
    @discardableResult
    public func applyNextBatch(
        _ apply: @escaping @Sendable (WriteTransaction, FeedEvent) throws -> Void
    ) async throws -> Int {
        let name = name
        let cursor = try await destination.read { try $0.cursor(name) }
        let events = try await source.events(after: cursor, limit: batchSize)
        guard !events.isEmpty else { return 0 }
        return try await destination.write { tx in
            // Read again inside the write: another instance of this consumer may have moved on.
            let current = try tx.cursor(name)
            let pending = events.filter { $0.seq > current }
            for event in pending { try apply(tx, event) }
            if let last = pending.last { try tx.setCursor(name, to: last.seq) }
            return pending.count
        }
    }

    /// Applies events as they are committed, until the task is cancelled or a database closes.
    public func run(_ apply: @escaping @Sendable (WriteTransaction, FeedEvent) throws -> Void) async throws {
        for await _ in source.committedSequences() {
            while !Task.isCancelled, try await applyNextBatch(apply) > 0 {}
        }
    }
}
