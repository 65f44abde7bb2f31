/// What read and write transactions share: SQL run against one consistent snapshot.
///
/// A transaction value is valid only inside the body it was passed to; using it afterwards
/// traps. Write `func load(_ tx: some Transaction)` to share queries between reads and writes.
public protocol Transaction {
    /// Runs one statement, discarding any rows.
    func execute(_ sql: String, arguments: [any DatabaseValueConvertible]) throws

    /// Runs one query and returns all its rows.
    func fetchAll(_ sql: String, arguments: [any DatabaseValueConvertible]) throws -> [Row]

    /// Runs one query and returns its first row.
    func fetchOne(_ sql: String, arguments: [any DatabaseValueConvertible]) throws -> Row?
}

extension Transaction {
    public func execute(_ sql: String, _ arguments: any DatabaseValueConvertible...) throws {
        try execute(sql, arguments: arguments)
    }

    public func fetchAll(_ sql: String, _ arguments: any DatabaseValueConvertible...) throws -> [Row] {
        try fetchAll(sql, arguments: arguments)
    }

    public func fetchOne(_ sql: String, _ arguments: any DatabaseValueConvertible...) throws -> Row? {
        try fetchOne(sql, arguments: arguments)
    }

    /// The first column of the first row, or nil when there is no row or the value is NULL.
    public func fetchValue<T: DatabaseValueConvertible>(
        _ type: T.Type, _ sql: String, _ arguments: any DatabaseValueConvertible...
    ) throws -> T? {
        guard let row = try fetchOne(sql, arguments: arguments), !row[0].isNull else { return nil }
        return try row.get(0, as: T.self)
    }
}
