public import Storage

/// One page of a list: rows matching the filters, in `order`, strictly after the previous page's
/// last key. Fetches one row more than asked to learn whether another page follows.
public struct KeysetQuery: Sendable {
    public let table: String
    /// Sort columns, ending with the primary key so the order is total.
    public let order: [String]
    private var conditions: [String] = []
    private var arguments: [any DatabaseValueConvertible] = []

    public init(table: String, order: [String]) {
        self.table = table
        self.order = order
    }

    public mutating func filter(_ condition: String, _ values: any DatabaseValueConvertible...) {
        conditions.append(condition)
        arguments += values
    }

    /// The `body` column of up to `limit` rows, and the keys of the last one if more rows follow.
    /// The page also ends before a row that would take its bodies past `maxBytes` (the first row
    /// always comes), so a page of large rows stays under a client's message limit.
    public func run(_ tx: some Transaction, after: [PageToken.Key]?, limit: Int, maxBytes: Int = .max) throws -> (
        bodies: [[UInt8]], next: [PageToken.Key]?
    ) {
        var conditions = conditions
        var arguments = arguments
        if let after {
            let placeholders = Array(repeating: "?", count: after.count).joined(separator: ", ")
            conditions.append("(\(order.joined(separator: ", "))) > (\(placeholders))")
            for key in after {
                switch key {
                case .integer(let value): arguments.append(value)
                case .text(let value): arguments.append(value)
                }
            }
        }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let sql = """
            SELECT body, \(order.joined(separator: ", ")) FROM \(table)\(whereClause)
            ORDER BY \(order.joined(separator: ", ")) LIMIT ?
            """
        arguments.append(limit + 1)
        let rows = try tx.fetchAll(sql, arguments: arguments)
        var bodies: [[UInt8]] = []
        var bytes = 0
        for row in rows.prefix(limit) {
            let body = try row.get(0, as: [UInt8].self)
            if !bodies.isEmpty && bytes + body.count > maxBytes { break }
            bytes += body.count
            bodies.append(body)
        }
        guard rows.count > bodies.count, !bodies.isEmpty else { return (bodies, nil) }
        let last = rows[bodies.count - 1]
        let keys: [PageToken.Key] = (1..<last.count).map { index in
            switch last[index] {
            case .integer(let value): .integer(value)
            case .text(let value): .text(value)
            default: .integer(0)
            }
        }
        return (bodies, keys)
    }
}
