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

    /// The bytes of this execution's text and blob arguments, bound without SQLite copying them
    /// (`SQLITE_STATIC`): SQLite's own copy cost a malloc and a free per argument, 3% of the
    /// writer's instructions. Valid until the next `bind`, which rebinds every parameter, and
    /// freed after the statement is finalized.
    private var argumentBytes = UnsafeMutableRawBufferPointer(start: nil, count: 0)

    deinit {
        sqlite3_finalize(handle)
        argumentBytes.deallocate()
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
        // One pass; in the rare case the buffer is too small it grows and the pass starts over
        // (growing moves the bytes already bound).
        bindAll: while true {
            var offset = 0
            for index in arguments.indices {
                let value = arguments[index].databaseValue
                if let needed = Self.byteCount(value), offset + needed > argumentBytes.count {
                    reserveArgumentBytes(offset + needed)
                    continue bindAll
                }
                let code = bind(value, at: Int32(index + 1), offset: &offset)
                guard code == SQLITE_OK else {
                    throw StorageError.sqlite(code: code, message: String(cString: sqlite3_errstr(code)), sql: sql)
                }
            }
            return
        }
    }

    /// The bytes `value` takes in `argumentBytes`; nil for values bound by value.
    private static func byteCount(_ value: DatabaseValue) -> Int? {
        switch value {
        case .text(let string): string.utf8.count
        case .blob(let bytes): bytes.count
        case .null, .integer, .real: nil
        }
    }

    /// Makes `argumentBytes` hold at least `count` bytes, at least doubling. Growing frees the
    /// old buffer while SQLite may still point into it; that is safe because every parameter is
    /// rebound before the next step.
    private func reserveArgumentBytes(_ count: Int) {
        argumentBytes.deallocate()
        argumentBytes = .allocate(byteCount: max(count, argumentBytes.count * 2, 256), alignment: 8)
    }

    private func bind(_ value: DatabaseValue, at index: Int32, offset: inout Int) -> Int32 {
        switch value {
        case .null:
            return sqlite3_bind_null(handle, index)
        case .integer(let int):
            return sqlite3_bind_int64(handle, index, int)
        case .real(let double):
            return sqlite3_bind_double(handle, index, double)
        case .text(let string):
            var string = string
            let start = offset
            offset += string.withUTF8 { utf8 in
                UnsafeMutableRawBufferPointer(rebasing: argumentBytes[start...]).copyMemory(
                    from: UnsafeRawBufferPointer(utf8))
                return utf8.count
            }
            // A nil pointer would bind NULL; argumentBytes always has storage once reserved,
            // and an empty string still needs a non-nil pointer.
            let pointer = (argumentBytes.baseAddress ?? UnsafeMutableRawPointer(bitPattern: 8)!) + start
            return sqlite3_bind_text64(
                handle, index, pointer.assumingMemoryBound(to: CChar.self), UInt64(offset - start),
                SQLiteDestructor.borrowed, UInt8(SQLITE_UTF8))
        case .blob(let bytes):
            // A nil pointer would bind NULL, so an empty blob is bound as a zero-length blob.
            guard !bytes.isEmpty else { return sqlite3_bind_zeroblob(handle, index, 0) }
            let start = offset
            bytes.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(rebasing: argumentBytes[start...]).copyMemory(from: raw)
            }
            offset += bytes.count
            return sqlite3_bind_blob64(
                handle, index, argumentBytes.baseAddress! + start, UInt64(bytes.count), SQLiteDestructor.borrowed)
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
