/// The connection a transaction body may use, and the body it belongs to.
struct TransactionScope {
    private let connection: Connection
    private let generation: UInt64

    init(connection: Connection) {
        self.connection = connection
        self.generation = connection.generation
    }

    /// The connection, after checking the body has not returned yet.
    var checked: Connection {
        precondition(connection.generation == generation, "a transaction was used after its body returned")
        return connection
    }

    func execute(_ sql: String, _ arguments: [any DatabaseValueConvertible]) throws {
        try checked.execute(sql, arguments)
    }

    func fetchAll(_ sql: String, _ arguments: [any DatabaseValueConvertible]) throws -> [Row] {
        try checked.fetchAll(sql, arguments)
    }

    func fetchOne(_ sql: String, _ arguments: [any DatabaseValueConvertible]) throws -> Row? {
        try checked.fetchAll(sql, arguments, limit: 1).first
    }
}
