import Storage

enum Fixtures {
    /// A small schema with the constraints the tests provoke.
    static let migrations = [
        Migration(
            name: "0001-items",
            sql: """
                CREATE TABLE owners (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
                CREATE TABLE items (
                    id INTEGER PRIMARY KEY,
                    owner_id INTEGER REFERENCES owners (id),
                    label TEXT NOT NULL,
                    quantity INTEGER NOT NULL DEFAULT 0 CHECK (quantity >= 0)
                );
                """),
        Migration(
            name: "0002-deferred-links",
            sql: """
                CREATE TABLE links (
                    id INTEGER PRIMARY KEY,
                    owner_id INTEGER NOT NULL REFERENCES owners (id) DEFERRABLE INITIALLY DEFERRED
                );
                """),
    ]

    static func count(_ table: String, in database: Database) async throws -> Int64 {
        try await database.read { try $0.fetchValue(Int64.self, "SELECT count(*) FROM \(table)") ?? 0 }
    }
}

/// An error a test body throws on purpose.
struct DeliberateFailure: Error, Equatable {
    var tag = 0
}
