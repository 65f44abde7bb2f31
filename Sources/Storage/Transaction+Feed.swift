extension Transaction {
    /// At most `limit` events with `seq > after`, in order.
    public func events(after seq: Int64, limit: Int) throws -> [FeedEvent] {
        try fetchAll(
            "SELECT seq, kind, payload, committed_at FROM feed WHERE seq > ? ORDER BY seq LIMIT ?", seq, limit
        ).map { row in
            FeedEvent(
                seq: try row.get(0), kind: try row.get(1), payload: try row.get(2), committedAt: try row.get(3))
        }
    }

    /// The last sequence number `consumer` has applied, or 0 if it has applied nothing yet.
    public func cursor(_ consumer: String) throws -> Int64 {
        try fetchValue(Int64.self, "SELECT last_seq FROM cursors WHERE consumer = ?", consumer) ?? 0
    }

    /// The fingerprint `consumer` recorded of the event at its cursor (``WriteTransaction/setCursor(_:to:fingerprint:)``),
    /// or nil if it recorded none.
    public func cursorFingerprint(_ consumer: String) throws -> Int64? {
        try fetchOne("SELECT last_fingerprint FROM cursors WHERE consumer = ?", consumer)?.optionalInt64(0)
    }
}
