internal import CSQLite

/// A prepared statement, owned by one connection and used on its thread only. Finalized in
/// `deinit`, so a statement evicted from the cache cannot leak.
final class Statement {
    let handle: OpaquePointer
    let sql: String
    private let parameterCount: Int

    init(handle: OpaquePointer, sql: String) {
        self.handle = handle
        self.sql = sql
        self.parameterCount = Int(sqlite3_bind_parameter_count(handle))
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds `arguments` to the positional parameters, replacing the previous execution's.
    func bind(_ arguments: [any DatabaseValueConvertible]) throws {
        // Every parameter is bound below, so the previous values need no clearing first.
        sqlite3_reset(handle)
        guard arguments.count == parameterCount else {
            throw StorageError.sqlite(
                code: SQLITE_MISUSE,
                message: "the statement takes \(parameterCount) arguments, \(arguments.count) given",
                sql: sql)
        }
        for (offset, argument) in arguments.enumerated() {
            let code = bind(argument.databaseValue, at: Int32(offset + 1))
            guard code == SQLITE_OK else {
                throw StorageError.sqlite(code: code, message: String(cString: sqlite3_errstr(code)), sql: sql)
            }
        }
    }

    private func bind(_ value: DatabaseValue, at index: Int32) -> Int32 {
        switch value {
        case .null:
            return sqlite3_bind_null(handle, index)
        case .integer(let int):
            return sqlite3_bind_int64(handle, index, int)
        case .real(let double):
            return sqlite3_bind_double(handle, index, double)
        case .text(let string):
            var string = string
            return string.withUTF8 { utf8 in
                sqlite3_bind_text64(
                    handle, index, UnsafeRawPointer(utf8.baseAddress)?.assumingMemoryBound(to: CChar.self),
                    UInt64(utf8.count), SQLiteDestructor.transient, UInt8(SQLITE_UTF8))
            }
        case .blob(let bytes):
            // A nil pointer would bind NULL, so an empty blob is bound as a zero-length blob.
            guard !bytes.isEmpty else { return sqlite3_bind_zeroblob(handle, index, 0) }
            return bytes.withUnsafeBytes { raw in
                sqlite3_bind_blob64(handle, index, raw.baseAddress, UInt64(raw.count), SQLiteDestructor.transient)
            }
        }
    }

    private var cachedColumnNames: [String]?
    private var cachedAtReprepare: Int32 = 0

    /// The result's column names, read again only after SQLite re-prepared the statement (after a
    /// schema change `SELECT *` may have other columns): building the strings on every execution
    /// cost more than many of the queries.
    func columnNames() -> [String] {
        let reprepared = sqlite3_stmt_status(handle, SQLITE_STMTSTATUS_REPREPARE, 0)
        if let cachedColumnNames, reprepared == cachedAtReprepare { return cachedColumnNames }
        let names = (0..<sqlite3_column_count(handle)).map { column in
            sqlite3_column_name(handle, column).map { String(cString: $0) } ?? ""
        }
        cachedColumnNames = names
        cachedAtReprepare = reprepared
        return names
    }

    /// The current row's values; valid after `sqlite3_step` returned `SQLITE_ROW`.
    func currentValues(count: Int) -> [DatabaseValue] {
        (0..<Int32(count)).map(value(at:))
    }

    private func value(at column: Int32) -> DatabaseValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT:
            let count = Int(sqlite3_column_bytes(handle, column))
            guard let text = sqlite3_column_text(handle, column) else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, column))
            guard count > 0, let blob = sqlite3_column_blob(handle, column) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: blob, count: count)))
        default:
            return .null
        }
    }
}
