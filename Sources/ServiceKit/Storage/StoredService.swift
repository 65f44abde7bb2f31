public import Messages
public import Storage

/// A service whose state is one database: reads and writes run there, and a creating request
/// runs at most once per request id.
///
/// Storage failures need no translation here: StorageError is RPCErrorConvertible, so whatever a
/// body throws reaches the client with the status it chose.
public protocol StoredService: Sendable {
    var database: Database { get }
}

extension StoredService {
    /// Runs `body` as one write request of a group commit: durable once it returns.
    public func write<T: Sendable>(_ body: @escaping @Sendable (WriteTransaction) throws -> T) async throws -> T {
        try await database.write(body)
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (ReadTransaction) throws -> T) async throws -> T {
        try await database.read(body)
    }

    /// Runs a creating request at most once per `(scope, request_id)`: the first time `produce`
    /// writes and returns the response's encoding, which is stored with the write; a retry of the
    /// same request gets those bytes back without running `produce`; a different request under the
    /// same id is ALREADY_EXISTS.
    public func createOnce<R: ProtoMessage>(
        _ scope: String, request: R, requestId: String,
        _ produce: @escaping @Sendable (WriteTransaction) throws -> [UInt8]
    ) async throws -> IdempotentResult {
        let fingerprint = try request.requestFingerprint()
        return try await write { tx in
            try tx.idempotent(scope: scope, requestId: requestId, requestFingerprint: fingerprint) {
                try produce(tx)
            }
        }
    }

    /// The stored `kind` with `id` (a Get RPC): INVALID_ARGUMENT for an id no resource could
    /// have, NOT_FOUND naming `id` for one that names none.
    public func fetch<M: ProtoMessage>(_ type: M.Type, _ kind: ResourceKind, id: String) async throws -> M {
        var violations = Violations()
        violations.resourceId(id)
        try violations.check()
        let bytes = try await read { tx in try tx.stored(kind, id: id, field: "id").body }
        return try M(storedBytes: bytes)
    }
}
