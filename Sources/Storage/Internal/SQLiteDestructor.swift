internal import CSQLite

/// Swift spelling of SQLite's destructor macro for borrowed bytes.
enum SQLiteDestructor {
    /// SQLITE_STATIC: SQLite reads the bytes where they are, so they must stay valid and
    /// unchanged until the parameter is bound again or the statement is finalized.
    static var borrowed: sqlite3_destructor_type? { nil }
}
