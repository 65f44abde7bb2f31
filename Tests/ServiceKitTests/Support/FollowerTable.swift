import Messages
import Storage

/// The follower's own table in the tests: one row per applied change, keyed by its sequence, so
/// applying a change twice fails the write (and the follower stalls) instead of passing quietly.
enum FollowerTable {
    static let cursorName = "intake"

    static let migrations = [
        Migration(
            name: "0001-applied",
            sql: """
                CREATE TABLE applied (
                    seq INTEGER NOT NULL PRIMARY KEY,
                    change TEXT NOT NULL,
                    subject TEXT NOT NULL
                );
                """)
    ]

    @Sendable static func apply(_ tx: WriteTransaction, _ event: Shuangjiang.Intake.V1.ChangeEvent) throws {
        let entry = FeedEntry(event)
        try tx.execute(
            "INSERT INTO applied (seq, change, subject) VALUES (?, ?, ?)", entry.sequence, entry.change, entry.subject)
    }

    static func entries(_ database: Database) async throws -> [FeedEntry] {
        try await database.read { tx in
            try tx.fetchAll("SELECT seq, change, subject FROM applied ORDER BY seq").map { row in
                FeedEntry(sequence: try row.get(0), change: try row.get(1), subject: try row.get(2))
            }
        }
    }

    static func count(_ database: Database) async throws -> Int64 {
        try await database.read { try $0.fetchValue(Int64.self, "SELECT count(*) FROM applied") ?? 0 }
    }

    static func cursor(_ database: Database) async throws -> Int64 {
        try await database.read { try $0.cursor(cursorName) }
    }
}
