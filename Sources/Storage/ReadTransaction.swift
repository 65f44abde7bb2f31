/// A read-only view of one committed snapshot, on a reader thread.
public struct ReadTransaction: Transaction {
    let scope: TransactionScope

    public func execute(_ sql: String, arguments: [any DatabaseValueConvertible]) throws {
        try scope.execute(sql, arguments)
    }

    public func fetchAll(_ sql: String, arguments: [any DatabaseValueConvertible]) throws -> [Row] {
        try scope.fetchAll(sql, arguments)
    }

    public func fetchOne(_ sql: String, arguments: [any DatabaseValueConvertible]) throws -> Row? {
        try scope.fetchOne(sql, arguments)
    }
}
