/// Counters kept by the writer since the database was opened.
public struct WriteStatistics: Sendable, Equatable {
    /// Transactions committed; with group commit, each holds one or more requests.
    public var commits = 0
    /// Requests whose writes were committed.
    public var committedRequests = 0
    /// Requests that failed: they threw, or their batch could not commit.
    public var failedRequests = 0
    /// The most requests one committed transaction held.
    public var largestBatch = 0
    /// Batches undone and run again with a savepoint per request, because a request failed
    /// after changing rows (see `Database.write`). Each costs the batch twice.
    public var rerunBatches = 0

    public init() {}
}
