/// One result row: values by position, readable by column name.
public struct Row: Sendable, Equatable {
    /// The result's column names; every row of one query shares the same array storage.
    public let columnNames: [String]
    public let values: [DatabaseValue]

    init(columnNames: [String], values: [DatabaseValue]) {
        self.columnNames = columnNames
        self.values = values
    }

    public var count: Int { values.count }

    public subscript(index: Int) -> DatabaseValue { values[index] }

    /// Reads column `index` as `T`; read nullable columns as `T?`.
    public func get<T: DatabaseValueConvertible>(_ index: Int, as type: T.Type = T.self) throws -> T {
        guard values.indices.contains(index) else {
            throw StorageError.decoding(column: "#\(index)", message: "the row has \(values.count) columns")
        }
        return try decode(values[index], column: columnNames[index])
    }

    /// Reads column `index` as an integer: `get(index, as: Int64.self)` without the generic
    /// path, whose metadata lookups were a visible part of a query that reads a few dozen
    /// integers (GetIndicators' counters).
    public func int64(_ index: Int) throws -> Int64 {
        if index >= 0, index < values.count, case .integer(let value) = values[index] { return value }
        return try get(index, as: Int64.self)
    }

    /// Reads column `index` as an integer or NULL, without the generic path.
    public func optionalInt64(_ index: Int) throws -> Int64? {
        if index >= 0, index < values.count {
            switch values[index] {
            case .integer(let value): return value
            case .null: return nil
            default: break
            }
        }
        return try get(index, as: Int64?.self)
    }

    /// Reads the column named `column` (compared case-insensitively, like SQL) as `T`.
    public func get<T: DatabaseValueConvertible>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let index = index(of: column) else {
            throw StorageError.decoding(column: column, message: "no such column among \(columnNames)")
        }
        return try decode(values[index], column: column)
    }

    public func index(of column: String) -> Int? {
        columnNames.firstIndex(of: column)
            ?? columnNames.firstIndex { $0.lowercased() == column.lowercased() }
    }

    private func decode<T: DatabaseValueConvertible>(_ value: DatabaseValue, column: String) throws -> T {
        guard let decoded = T(databaseValue: value) else {
            throw StorageError.decoding(column: column, message: "cannot read \(value.storageClassName) as \(T.self)")
        }
        return decoded
    }
}
