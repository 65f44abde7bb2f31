internal import Storage

/// Escalations, by region and quarter.
enum EscalationsTable {
    /// yyyy * 10 + q.
    static func exists(_ tx: some Transaction, region: Int64, quarter: Int64) throws -> Bool {
        try tx.fetchOne("SELECT 1 FROM escalations WHERE region_id = ? AND quarter = ?", region, quarter) != nil
    }

    static func insert(
        _ tx: WriteTransaction, key: Int64, region: Int64, quarter: Int64, first: Int32, last: Int32, kind: Int32,
        alertSequence: Int64, body: [UInt8]
    ) throws {
        try tx.execute(
            """
            INSERT INTO escalations (id, region_id, quarter, quarter_first, quarter_last, kind, status, alert_sequence,
                version, body)
            VALUES (?, ?, ?, ?, ?, ?, 1, ?, 1, ?)
            """,
            arguments: [key, region, quarter, Int64(first), Int64(last), Int64(kind), alertSequence, body])
    }
}
