extension Database {
    /// At most `limit` committed events with `seq > after`, in order.
    public func events(after seq: Int64, limit: Int) async throws -> [FeedEvent] {
        try await read { try $0.events(after: seq, limit: limit) }
    }

    /// The sequence number of the newest committed event, 0 if the feed is empty.
    public var lastCommittedSequence: Int64 {
        feedNotifier.lastSequence
    }

    /// Calls `observer` with the newest sequence number after each commit that added events.
    ///
    /// It runs on the writer thread before the batch's requests complete, so it must only hand
    /// the number on (resume a stream, `uv_async_send`), never wait.
    @discardableResult
    public func onCommit(_ observer: @escaping @Sendable (Int64) -> Void) -> CommitObservation {
        CommitObservation(
            notifier: feedNotifier, id: feedNotifier.add(FeedNotifier.Observer(onCommit: observer, onClose: {})))
    }

    /// The newest committed sequence number now, then again after each commit that adds events;
    /// it finishes when the database closes.
    ///
    /// It keeps only the newest value, so a slow consumer skips straight to the latest number,
    /// which is all it needs to read `events(after:limit:)` up to it. Starting with the current
    /// value closes the gap between a consumer's last read and its subscription.
    public func committedSequences() -> AsyncStream<Int64> {
        let (stream, continuation) = AsyncStream.makeStream(of: Int64.self, bufferingPolicy: .bufferingNewest(1))
        let observation = CommitObservation(
            notifier: feedNotifier,
            id: feedNotifier.add(
                FeedNotifier.Observer(
                    onCommit: { continuation.yield($0) }, onClose: { continuation.finish() })))
        continuation.yield(lastCommittedSequence)
        continuation.onTermination = { _ in observation.cancel() }
        return stream
    }
}
