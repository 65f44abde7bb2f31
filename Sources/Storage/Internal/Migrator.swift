/// Brings a database's schema up to date, one migration per transaction.
struct Migrator {
    let connection: Connection
    let migrations: [Migration]

    init(connection: Connection, migrations: [Migration]) {
        let names = migrations.map(\.name)
        precondition(Set(names).count == names.count, "migration names must be unique: \(names)")
        self.connection = connection
        self.migrations = migrations
    }

    /// Checks the recorded history before changing anything, so a database written by a newer
    /// version is left exactly as it was.
    func migrate() throws {
        try connection.execute("PRAGMA foreign_keys = OFF", [])
        defer { try? connection.execute("PRAGMA foreign_keys = ON", []) }
        while try applyNext() {}
    }

    /// Applies the first pending migration; returns false when none was pending.
    private func applyNext() throws -> Bool {
        try connection.control("BEGIN IMMEDIATE")
        var pending: Migration?
        do {
            try connection.execute(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    name TEXT PRIMARY KEY,
                    position INTEGER NOT NULL UNIQUE,
                    applied_at INTEGER NOT NULL
                )
                """, [])
            let recorded = try connection.fetchAll("SELECT name FROM schema_migrations ORDER BY position", [])
                .map { try $0.get(0, as: String.self) }
            try validate(recorded)
            guard recorded.count < migrations.count else {
                try connection.control("COMMIT")
                return false
            }
            let migration = migrations[recorded.count]
            pending = migration
            try connection.executeScript(migration.sql)
            let violations = try connection.fetchAll("PRAGMA foreign_key_check", [])
            if !violations.isEmpty {
                throw StorageError.migrationFailed(
                    name: migration.name, message: "\(violations.count) rows violate foreign keys")
            }
            try connection.execute(
                "INSERT INTO schema_migrations (name, position, applied_at) VALUES (?, ?, ?)",
                [migration.name, recorded.count + 1, WallClock.milliseconds()])
            try connection.control("COMMIT")
            return true
        } catch {
            if connection.isInsideTransaction { try? connection.control("ROLLBACK") }
            guard let pending, let storageError = error as? StorageError else { throw error }
            switch storageError {
            case .migrationFailed, .locked, .corrupt:
                throw storageError
            default:
                throw StorageError.migrationFailed(name: pending.name, message: "\(storageError)")
            }
        }
    }

    private func validate(_ recorded: [String]) throws {
        let known = Set(migrations.map(\.name))
        let unknown = recorded.filter { !known.contains($0) }
        if !unknown.isEmpty {
            throw StorageError.newerSchema(path: connection.path, unknownMigrations: unknown)
        }
        let expected = migrations.map(\.name)
        if recorded.count > expected.count || Array(expected.prefix(recorded.count)) != recorded {
            throw StorageError.migrationHistoryMismatch(path: connection.path, recorded: recorded, expected: expected)
        }
    }
}
