internal import GRPCCore
public import Storage

extension Transaction {
    /// The key and stored body of the `kind` with `id`, or NOT_FOUND naming `field`.
    public func stored(_ kind: ResourceKind, id: String, field: String) throws -> (key: Int64, body: [UInt8]) {
        guard let key = kind.parse(id), let body = try fetchValue([UInt8].self, kind.bodySQL, key) else {
            throw RPCError.notFound(kind, id: id, field: field)
        }
        return (key, body)
    }

    /// The key of the `kind` with `id`, or NOT_FOUND naming `field`: an existence check that
    /// leaves the body unread.
    public func existingKey(_ kind: ResourceKind, id: String, field: String) throws -> Int64 {
        guard let key = kind.parse(id), try fetchValue(Int64.self, kind.keySQL, key) != nil else {
            throw RPCError.notFound(kind, id: id, field: field)
        }
        return key
    }
}

extension WriteTransaction {
    /// The next primary key of `kind`'s table. Safe because only the single writer inserts.
    public func nextKey(_ kind: ResourceKind) throws -> Int64 {
        try fetchValue(Int64.self, kind.nextKeySQL) ?? 1
    }
}
