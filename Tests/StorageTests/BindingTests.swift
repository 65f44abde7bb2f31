import Storage
import Testing

/// Arguments are copied into a buffer the statement owns and bound without SQLite copying them
/// again; these cover the cases where that buffer grows, is reused, or holds nothing.
@Suite struct BindingTests {
    static let migrations = [
        Migration(name: "0001-values", sql: "CREATE TABLE v (id INTEGER PRIMARY KEY, a, b, c, d);")
    ]

    @Test func textAndBlobArgumentsOfEverySizeRoundTrip() async throws {
        let database = try Database.inMemory(migrations: Self.migrations)
        defer { database.close() }
        let rows: [(String, [UInt8], String, [UInt8])] = [
            ("", [], "", []),
            ("short", [1, 2, 3], "征", [0]),
            // Larger than the first buffer after two smaller arguments: the buffer grows mid-bind
            // and the arguments bound before must not point into the freed one.
            ("x", [9], String(repeating: "长文本", count: 500), [UInt8](repeating: 7, count: 100_000)),
            ("again small", [4], "ok", [5, 6]),
        ]
        for (index, row) in rows.enumerated() {
            try await database.write { tx in
                try tx.execute(
                    "INSERT INTO v (id, a, b, c, d) VALUES (?, ?, ?, ?, ?)", index + 1, row.0, row.1, row.2, row.3)
            }
        }
        for (index, row) in rows.enumerated() {
            let stored = try await database.read { tx in
                try tx.fetchOne("SELECT a, b, c, d FROM v WHERE id = ?", index + 1)
            }
            #expect(try stored?.get(0, as: String.self) == row.0)
            #expect(try stored?.get(1, as: [UInt8].self) == row.1)
            #expect(try stored?.get(2, as: String.self) == row.2)
            #expect(try stored?.get(3, as: [UInt8].self) == row.3)
        }
        // An empty string is text and an empty blob is a blob, not NULL.
        let types = try await database.read { tx in
            try tx.fetchOne("SELECT typeof(a), typeof(b) FROM v WHERE id = 1")
        }
        #expect(try types?.get(0, as: String.self) == "text" && types?.get(1, as: String.self) == "blob")
    }

    /// Statements are cached by their text (literals also by where their bytes are): many
    /// distinct statements, past the cache's limit, each still runs as written.
    @Test func everyStatementRunsAsWrittenAcrossCacheEvictions() async throws {
        let database = try Database.inMemory(migrations: Self.migrations)
        defer { database.close() }
        let sums = try await database.read { tx in
            try (0..<600).map { index -> Int64 in
                let literal = try tx.fetchValue(Int64.self, "SELECT 1 + ?", index) ?? -1
                let generated = try tx.fetchValue(Int64.self, "SELECT \(index) * 2") ?? -1
                return literal + generated
            }
        }
        let expected: [Int64] = (0..<600).map { index in Int64(1 + 3 * index) }
        #expect(sums == expected)
    }
}
