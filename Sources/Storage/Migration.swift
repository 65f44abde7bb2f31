/// A named step of schema change, run once per database, in order, in its own transaction.
///
/// Never edit, rename, reorder or remove a migration once it has shipped: databases in the
/// field have recorded it by name and will not run it again. Change the schema with a new
/// migration appended at the end. Put the rules in the schema (NOT NULL, CHECK, UNIQUE,
/// foreign keys): SQLite enforces them on every write path.
///
/// Foreign keys are not enforced while a migration runs, so tables can be rebuilt; they are
/// checked (`PRAGMA foreign_key_check`) before it commits. Names starting with `storage.` are
/// reserved for the tables Storage itself needs.
public struct Migration: Sendable, Equatable {
    public let name: String
    /// One or more SQL statements; no BEGIN or COMMIT, the migrator owns the transaction.
    public let sql: String

    public init(name: String, sql: String) {
        self.name = name
        self.sql = sql
    }
}
