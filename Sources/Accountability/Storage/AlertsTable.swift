internal import Storage

/// Every alert received from assessment's feed, as received.
enum AlertsTable {
    static func insert(_ tx: WriteTransaction, sequence: Int64, kind: Int32, createdAt: Int64, body: [UInt8]) throws {
        try tx.execute(
            "INSERT INTO alerts (sequence, kind, created_at, body) VALUES (?, ?, ?, ?) ON CONFLICT (sequence) DO NOTHING",
            sequence, Int64(kind), createdAt, body)
    }

    static func body(_ tx: some Transaction, sequence: Int64) throws -> [UInt8]? {
        try tx.fetchValue([UInt8].self, "SELECT body FROM alerts WHERE sequence = ?", sequence)
    }
}
