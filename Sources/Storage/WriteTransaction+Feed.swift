extension WriteTransaction {
    /// Appends an event to this database's change feed, as part of this request.
    ///
    /// Only the writer assigns sequence numbers, and readers see whole batches, so the numbers
    /// follow commit order and a reader never sees a gap.
    /// - Returns: the event's sequence number.
    @discardableResult
    public func appendEvent(kind: String, payload: [UInt8]) throws -> Int64 {
        let connection = scope.checked
        try connection.execute(
            "INSERT INTO feed (kind, payload, committed_at) VALUES (?, ?, ?)", [kind, payload, batch.timestamp])
        let seq = connection.lastInsertedRowID
        batch.lastSequence = max(batch.lastSequence, seq)
        return seq
    }

    /// Records that `consumer` has applied every event up to `seq` of its source feed.
    ///
    /// Call it in the same write as the effects of those events: they commit together or not
    /// at all, which is what makes applying exactly-once. The schema refuses to move a cursor
    /// backwards.
    /// - Parameter fingerprint: something of the event at `seq` that tells it from another event
    ///   a different history put there (a follower records its commit time), read back by
    ///   ``Transaction/cursorFingerprint(_:)``; nil records that none is known.
    public func setCursor(_ consumer: String, to seq: Int64, fingerprint: Int64? = nil) throws {
        try execute(
            """
            INSERT INTO cursors (consumer, last_seq, last_fingerprint) VALUES (?, ?, ?)
            ON CONFLICT (consumer) DO UPDATE SET last_seq = excluded.last_seq, last_fingerprint = excluded.last_fingerprint
            """, consumer, seq, fingerprint.map(DatabaseValue.integer) ?? .null)
    }
}
