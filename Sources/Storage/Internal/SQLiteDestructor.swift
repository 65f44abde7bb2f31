internal import CSQLite

/// Swift spellings of SQLite's destructor macros, which Swift cannot import.
enum SQLiteDestructor {
    /// SQLite copies the bound bytes before the call returns.
    static var transient: sqlite3_destructor_type {
        unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    }
}
