/// Brings a database's schema up to date, one migration per transaction.
///
/// Storage's own migrations (named `storage.…`) and the service's are two histories, each
/// applied in its own order: a database migrated by an older version has the service's
/// migrations recorded after Storage's first one, and a later Storage migration must still
/// apply to it. Storage's pending migrations run before the service's.
struct Migrator {
    let connection: Connection
    let builtin: [Migration]
    let service: [Migration]

    init(connection: Connection, builtin: [Migration], service: [Migration]) {
        let names = (builtin + service).map(\.name)
        precondition(Set(names).count == names.count, "migration names must be unique: \(names)")
        self.connection = connection
        self.builtin = builtin
        self.service = service
    }

    /// Database.open refuses service migrations named like Storage's.
    private static func isBuiltin(_ name: String) -> Bool { name.hasPrefix("storage.") }

    /// Checks the recorded history before changing anything, so a database written by a newer
    /// version is left exactly as it was.
    /// - Returns: the names of the migrations applied now, in order (for the service's log).
    func migrate() throws -> [String] {
        try connection.execute("PRAGMA foreign_keys = OFF", [])
        defer { try? connection.execute("PRAGMA foreign_keys = ON", []) }
        var applied: [String] = []
        while let name = try applyNext() { applied.append(name) }
        return applied
    }

    /// Applies the first pending migration; returns its name, or nil when none was pending.
    private func applyNext() throws -> String? {
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
            let recordedBuiltin = recorded.filter(Self.isBuiltin)
            let recordedService = recorded.filter { !Self.isBuiltin($0) }
            try validate(recorded, known: builtin + service)
            try validate(recordedBuiltin, against: builtin)
            try validate(recordedService, against: service)
            let next =
                recordedBuiltin.count < builtin.count
                ? builtin[recordedBuiltin.count] : service.dropFirst(recordedService.count).first
            guard let migration = next else {
                try connection.control("COMMIT")
                return nil
            }
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
            return migration.name
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

    /// Refuses a database that records a migration this version does not ship.
    private func validate(_ recorded: [String], known migrations: [Migration]) throws {
        let known = Set(migrations.map(\.name))
        let unknown = recorded.filter { !known.contains($0) }
        if !unknown.isEmpty {
            throw StorageError.newerSchema(path: connection.path, unknownMigrations: unknown)
        }
    }

    /// Refuses a history that is not a prefix of `expected`: a shipped migration was renamed,
    /// removed or reordered.
    private func validate(_ recorded: [String], against migrations: [Migration]) throws {
        let expected = migrations.map(\.name)
        if recorded.count > expected.count || Array(expected.prefix(recorded.count)) != recorded {
            throw StorageError.migrationHistoryMismatch(path: connection.path, recorded: recorded, expected: expected)
        }
    }
}
