internal import CSQLite
internal import Glibc

/// One SQLite connection, used by one thread at a time (SQLite's multi-thread mode, no mutex).
///
/// Transaction control (BEGIN, COMMIT, SAVEPOINT…) belongs to the writer and the reader pool: an
/// authorizer refuses it in any SQL a transaction body runs, so a body cannot commit half a batch.
final class Connection {
    let handle: OpaquePointer
    let path: String
    /// Bumped each time a transaction body ends, so a transaction value used after its body
    /// fails loudly instead of racing the next request.
    private(set) var generation: UInt64 = 0
    private var statements: [StatementKey: Statement] = [:]
    private var controlStatements: [StatementKey: Statement] = [:]
    private var allowsTransactionControl = false
    private var deniedTransactionControl = false
    #if DEBUG
        private var owner: pthread_t?
    #endif

    /// Enough for every distinct statement a service runs; generated SQL beyond it just
    /// starts the cache over.
    private static let statementCacheLimit = 256

    /// Process-wide SQLite settings, made once before the first connection opens.
    private static let configured: Void = {
        _ = sj_sqlite3_disable_memory_statistics()
    }()

    static func open(path: String, readOnly: Bool, busyTimeout: Duration) throws -> Connection {
        _ = configured
        var handle: OpaquePointer?
        let access = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        let code = sqlite3_open_v2(path, &handle, access | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw Self.error(code: code, message: message, sql: nil, path: path)
        }
        // SQLite quietly opens a write-protected file read-only; the writer must fail now instead.
        if !readOnly && sqlite3_db_readonly(handle, "main") == 1 {
            sqlite3_close_v2(handle)
            throw StorageError.cannotOpen(path: path, message: "the file is read-only")
        }
        // A writer's batch allocates many small objects (cursors, records, savepoints); more
        // lookaside slots than the default 100 keep them off malloc. Readers keep the default.
        if !readOnly { _ = sj_sqlite3_set_lookaside(handle, 1200, 500) }
        let (seconds, attoseconds) = busyTimeout.components
        sqlite3_busy_timeout(handle, Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000))
        return Connection(handle: handle, path: path)
    }

    private init(handle: OpaquePointer, path: String) {
        self.handle = handle
        self.path = path
        sqlite3_set_authorizer(
            handle,
            { context, action, _, _, _, _ in
                guard action == SQLITE_TRANSACTION || action == SQLITE_SAVEPOINT, let context else { return SQLITE_OK }
                return Unmanaged<Connection>.fromOpaque(context).takeUnretainedValue().authorizeTransactionControl()
            }, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        statements.removeAll()
        recentStatements.removeAll()
        controlStatements.removeAll()
        sqlite3_close_v2(handle)
    }

    private func authorizeTransactionControl() -> Int32 {
        if allowsTransactionControl { return SQLITE_OK }
        deniedTransactionControl = true
        return SQLITE_DENY
    }

    /// Makes the calling thread the only one allowed to use this connection (checked in debug builds).
    func adopt() {
        #if DEBUG
            owner = pthread_self()
        #endif
    }

    private func assertOwner() {
        #if DEBUG
            if let owner { assert(pthread_equal(owner, pthread_self()) != 0, "connection used off its thread") }
        #endif
    }

    func endTransactionBody() {
        generation &+= 1
    }

    // MARK: Running SQL

    func execute(_ sql: String, _ arguments: [any DatabaseValueConvertible]) throws {
        let statement = try cachedStatement(sql)
        try statement.bind(arguments)
        defer { sqlite3_reset(statement.handle) }
        while true {
            let code = sqlite3_step(statement.handle)
            if code == SQLITE_DONE { return }
            if code != SQLITE_ROW { throw error(code: code, sql: sql) }
        }
    }

    func fetchAll(_ sql: String, _ arguments: [any DatabaseValueConvertible], limit: Int = .max) throws -> [Row] {
        let statement = try cachedStatement(sql)
        try statement.bind(arguments)
        defer { sqlite3_reset(statement.handle) }
        let columnNames = statement.columnNames()
        var rows: [Row] = []
        while rows.count < limit {
            let code = sqlite3_step(statement.handle)
            if code == SQLITE_DONE { break }
            if code != SQLITE_ROW { throw error(code: code, sql: sql) }
            rows.append(Row(columnNames: columnNames, values: statement.currentValues(count: columnNames.count)))
        }
        return rows
    }

    /// Runs every statement of `sql` in order, uncached; for migrations.
    func executeScript(_ sql: String) throws {
        assertOwner()
        try sql.withCString { start in
            var next = start
            while next.pointee != 0 {
                var statement: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let code = sqlite3_prepare_v2(handle, next, -1, &statement, &tail)
                guard code == SQLITE_OK else { throw error(code: code, sql: sql) }
                defer { sqlite3_finalize(statement) }
                guard let tail, tail > next else { break }
                next = tail
                guard let statement else { continue }  // only whitespace or a comment
                var stepCode: Int32
                repeat { stepCode = sqlite3_step(statement) } while stepCode == SQLITE_ROW
                guard stepCode == SQLITE_DONE else { throw error(code: stepCode, sql: sql) }
            }
        }
    }

    /// Runs one of the writer's or reader pool's own transaction statements.
    func control(_ sql: String) throws {
        allowsTransactionControl = true
        defer { allowsTransactionControl = false }
        let statement: Statement
        if let cached = controlStatements[StatementKey(sql)] {
            statement = cached
        } else {
            statement = try prepare(sql)
            controlStatements[StatementKey(sql)] = statement
        }
        defer { sqlite3_reset(statement.handle) }
        let code = sqlite3_step(statement.handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw error(code: code, sql: sql) }
    }

    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    var changedRowCount: Int { Int(sqlite3_changes64(handle)) }

    /// Rows inserted, updated or deleted since the connection opened (trigger programs included;
    /// a statement that failed and was undone adds nothing).
    var totalChangedRowCount: Int64 { sqlite3_total_changes64(handle) }

    var isInsideTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Deferred foreign keys are checked only at COMMIT, where a violation would fail a whole
    /// batch; the writer checks this after each request instead.
    var hasDeferredForeignKeyViolations: Bool {
        var current: Int32 = 0
        var highwater: Int32 = 0
        sqlite3_db_status(handle, SQLITE_DBSTATUS_DEFERRED_FKS, &current, &highwater, 0)
        return current > 0
    }

    // MARK: Statements

    private func cachedStatement(_ sql: String) throws -> Statement {
        assertOwner()
        // SQL is almost always a string literal, whose bytes sit at a fixed address: a slot
        // chosen by that address, checked with `==` (immediate for the same literal), answers
        // without hashing. Other strings still end up correct, via the dictionary.
        let slot = Self.recentSlot(sql)
        if let recent = recentStatements[slot], recent.sql == sql { return recent }
        let key = StatementKey(sql)
        let statement: Statement
        if let cached = statements[key] {
            statement = cached
        } else {
            statement = try prepare(sql)
            if statements.count >= Self.statementCacheLimit {
                statements.removeAll(keepingCapacity: true)
                recentStatements = Array(repeating: nil, count: Self.recentSlots)
            }
            statements[key] = statement
        }
        recentStatements[slot] = statement
        return statement
    }

    private static let recentSlots = 64
    private var recentStatements = [Statement?](repeating: nil, count: Connection.recentSlots)

    private static func recentSlot(_ sql: String) -> Int {
        let address = sql.utf8.withContiguousStorageIfAvailable { UInt(bitPattern: $0.baseAddress) } ?? 0
        return Int(truncatingIfNeeded: (address >> 3) ^ (address >> 9)) & (recentSlots - 1)
    }

    /// Prepares exactly one statement: trailing statements would silently not run, so they are
    /// an error (migrations use `executeScript`).
    private func prepare(_ sql: String) throws -> Statement {
        var prepared: OpaquePointer?
        var hasTrailingStatement = false
        let code = sql.withCString { start -> Int32 in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(handle, start, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, &tail)
            if code == SQLITE_OK, let tail, tail.pointee != 0 {
                var trailing: OpaquePointer?
                sqlite3_prepare_v2(handle, tail, -1, &trailing, nil)
                hasTrailingStatement = trailing != nil
                sqlite3_finalize(trailing)
            }
            return code
        }
        guard code == SQLITE_OK else { throw error(code: code, sql: sql) }
        guard let prepared else {
            throw StorageError.sqlite(code: SQLITE_MISUSE, message: "no SQL statement", sql: sql)
        }
        guard !hasTrailingStatement else {
            sqlite3_finalize(prepared)
            throw StorageError.sqlite(
                code: SQLITE_MISUSE, message: "execute and fetch run exactly one statement", sql: sql)
        }
        return Statement(handle: prepared, sql: sql)
    }

    // MARK: Errors

    func error(code: Int32, sql: String?) -> StorageError {
        let extended = sqlite3_extended_errcode(handle)
        let message = String(cString: sqlite3_errmsg(handle))
        if code & 0xFF == SQLITE_AUTH && deniedTransactionControl {
            deniedTransactionControl = false
            return .sqlite(
                code: code,
                message: "transaction control (BEGIN, COMMIT, SAVEPOINT…) is managed by Storage, "
                    + "not by transaction bodies or migrations",
                sql: sql)
        }
        let best = extended & 0xFF == code & 0xFF ? extended : code
        return Self.error(code: best, message: message, sql: sql, path: path)
    }

    static func error(code: Int32, message: String, sql: String?, path: String) -> StorageError {
        switch code & 0xFF {
        case SQLITE_CONSTRAINT:
            return .constraint(constraint(code), message: message, sql: sql)
        case SQLITE_BUSY, SQLITE_LOCKED:
            return .locked(path: path, message: message)
        case SQLITE_NOTADB, SQLITE_CORRUPT:
            return .corrupt(path: path, message: message)
        case SQLITE_CANTOPEN:
            return .cannotOpen(path: path, message: message)
        default:
            return .sqlite(code: code, message: message, sql: sql)
        }
    }

    private static func constraint(_ code: Int32) -> StorageError.Constraint {
        switch code >> 8 {
        case 1: .check
        case 3: .foreignKey
        case 5: .notNull
        case 6: .primaryKey
        case 7: .trigger
        case 8: .unique
        default: .other
        }
    }
}

/// The statement cache's key: the SQL text, hashed by its length and a few bytes from its start,
/// middle and end. Hashing whole statements (hundreds of bytes, several per request) was 2% of
/// the writer's instructions; the statements of one service differ in these bytes, and a
/// collision costs only a string comparison.
private struct StatementKey: Hashable {
    let sql: String

    init(_ sql: String) {
        self.sql = sql
    }

    static func == (left: StatementKey, right: StatementKey) -> Bool {
        left.sql == right.sql
    }

    func hash(into hasher: inout Hasher) {
        var sql = sql
        sql.withUTF8 { bytes in
            hasher.combine(bytes.count)
            guard bytes.count >= 8 else { return hasher.combine(bytes: UnsafeRawBufferPointer(bytes)) }
            for offset in [0, bytes.count / 2 - 4, bytes.count - 8] {
                hasher.combine(UnsafeRawPointer(bytes.baseAddress! + offset).loadUnaligned(as: UInt64.self))
            }
        }
    }
}
