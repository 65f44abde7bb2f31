extension WriteTransaction {
    /// Runs a creating request at most once per `(scope, requestId)`.
    ///
    /// The first time, `produce` performs the write and returns the serialized response, which is
    /// stored in the same request, so the effects and the record commit together. A retry
    /// with the same fingerprint gets the stored response without running `produce`; a different
    /// request under the same id throws `StorageError.requestIdReused`.
    ///
    /// - Parameter requestFingerprint: what identifies the request apart from its id, e.g. its
    ///   serialized bytes without the id, or a digest of them.
    public func idempotent(
        scope: String, requestId: String, requestFingerprint: [UInt8], produce: () throws -> [UInt8]
    ) throws -> IdempotentResult {
        if let stored = try fetchOne(
            "SELECT request_hash, response FROM idempotency WHERE scope = ? AND request_id = ?", scope, requestId)
        {
            guard try stored.get(0, as: [UInt8].self) == requestFingerprint else {
                throw StorageError.requestIdReused(scope: scope, requestId: requestId)
            }
            return .replayed(try stored.get(1))
        }
        let response = try produce()
        try execute(
            """
            INSERT INTO idempotency (scope, request_id, request_hash, response, created_at)
            VALUES (?, ?, ?, ?, ?)
            """, scope, requestId, requestFingerprint, response, batch.timestamp)
        return .created(response)
    }

    /// Forgets idempotency records created before `timestamp` (milliseconds since 1970); a retry
    /// arriving later runs as a new request.
    /// - Returns: how many records were deleted.
    @discardableResult
    public func deleteIdempotencyRecords(createdBefore timestamp: Int64) throws -> Int {
        try execute("DELETE FROM idempotency WHERE created_at < ?", timestamp)
        return changedRowCount
    }
}
