/// One write request's view of the writer's transaction.
///
/// If the body throws, everything it wrote is rolled back and the other requests of the batch
/// are unaffected. Nothing it wrote is visible to readers before the batch's COMMIT, or
/// acknowledged before that commit is durable.
public struct WriteTransaction: Transaction {
    let scope: TransactionScope
    let batch: WriteBatch

    public func execute(_ sql: String, arguments: [any DatabaseValueConvertible]) throws {
        try scope.execute(sql, arguments)
    }

    public func fetchAll(_ sql: String, arguments: [any DatabaseValueConvertible]) throws -> [Row] {
        try scope.fetchAll(sql, arguments)
    }

    public func fetchOne(_ sql: String, arguments: [any DatabaseValueConvertible]) throws -> Row? {
        try scope.fetchOne(sql, arguments)
    }

    /// The rowid of the last row this connection inserted.
    public var lastInsertedRowID: Int64 { scope.checked.lastInsertedRowID }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changedRowCount: Int { scope.checked.changedRowCount }

    /// The wall-clock time of this batch in milliseconds since 1970, as stored in `committed_at`
    /// and `created_at`.
    public var batchTimestamp: Int64 { batch.timestamp }
}
