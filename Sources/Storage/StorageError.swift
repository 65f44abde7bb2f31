/// Everything that can go wrong in the storage layer, with enough context to tell an operator
/// what happened (the path) or a developer what failed (the SQL).
///
/// Services map these to gRPC statuses: `.constraint(.unique, …)` and `.requestIdReused` to
/// ALREADY_EXISTS, `.constraint(.foreignKey, …)` to FAILED_PRECONDITION or NOT_FOUND, the rest to
/// UNAVAILABLE or INTERNAL.
public enum StorageError: Error, Sendable, Equatable {
    /// A constraint declared in the schema rejected a write.
    case constraint(Constraint, message: String, sql: String?)
    /// Any other error SQLite reported, with its (extended) result code.
    case sqlite(code: Int32, message: String, sql: String?)
    /// The file exists but is not an SQLite database, or its content is damaged.
    case corrupt(path: String, message: String)
    /// Another connection or process kept the database locked longer than the busy timeout.
    case locked(path: String, message: String)
    /// The file could not be opened or created (missing directory, permissions).
    case cannotOpen(path: String, message: String)
    /// The file system cannot hold a write-ahead log, so readers could not run beside the writer.
    case walUnavailable(path: String, journalMode: String)
    /// The database was migrated by a newer version of the code: it records migrations this
    /// code does not know. It is left untouched.
    case newerSchema(path: String, unknownMigrations: [String])
    /// The migrations recorded in the database are not a prefix of the ones this code ships:
    /// a shipped migration was renamed, removed or reordered.
    case migrationHistoryMismatch(path: String, recorded: [String], expected: [String])
    /// A migration failed; it was rolled back and the ones after it were not run.
    case migrationFailed(name: String, message: String)
    /// An idempotent request reused a request id that was first used for a different request.
    case requestIdReused(scope: String, requestId: String)
    /// A column value could not be read as the requested Swift type.
    case decoding(column: String, message: String)
    /// The database was closed before the request could run.
    case closed

    /// The kind of schema constraint that was violated, from SQLite's extended result code.
    public enum Constraint: Sendable, Equatable {
        case unique
        case primaryKey
        case foreignKey
        case notNull
        case check
        /// A trigger raised the error, e.g. the feed's append-only guard.
        case trigger
        case other
    }
}

extension StorageError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .constraint(let kind, let message, let sql):
            return "\(kind) constraint violated: \(message)\(Self.suffix(sql))"
        case .sqlite(let code, let message, let sql):
            return "SQLite error \(code): \(message)\(Self.suffix(sql))"
        case .corrupt(let path, let message):
            return "\(path) is not a valid SQLite database (\(message))"
        case .locked(let path, let message):
            return "\(path) is locked by another connection or process beyond the busy timeout (\(message))"
        case .cannotOpen(let path, let message):
            return "cannot open database \(path) (\(message))"
        case .walUnavailable(let path, let journalMode):
            return "\(path) cannot use WAL mode (journal_mode is \(journalMode)); is it on a network file system?"
        case .newerSchema(let path, let unknown):
            return "\(path) was migrated by a newer version (unknown migrations: \(unknown.joined(separator: ", "))); "
                + "refusing to open it"
        case .migrationHistoryMismatch(let path, let recorded, let expected):
            return "\(path) records migrations \(recorded) which are not a prefix of this version's \(expected)"
        case .migrationFailed(let name, let message):
            return "migration \(name) failed and was rolled back: \(message)"
        case .requestIdReused(let scope, let requestId):
            return "request id \(requestId) was already used for a different \(scope) request"
        case .decoding(let column, let message):
            return "cannot decode column \(column): \(message)"
        case .closed:
            return "the database is closed"
        }
    }

    private static func suffix(_ sql: String?) -> String {
        sql.map { " (in: \($0))" } ?? ""
    }
}
