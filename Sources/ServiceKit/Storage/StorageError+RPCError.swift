public import GRPCCore
public import Storage

/// The one translation of storage failures to what a client can act on. The server converts any
/// thrown error with `RPCError(converting:)`, so a handler lets StorageError propagate.
extension StorageError: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch self {
        case .requestIdReused(_, let requestId):
            RPCError(
                code: .alreadyExists,
                message: "request_id \"\(requestId)\" was already used for a different request; choose a new id")
        case .constraint(.unique, let message, _), .constraint(.primaryKey, let message, _):
            RPCError(code: .alreadyExists, message: "already exists (\(message))", cause: self)
        case .closed, .locked:
            RPCError(code: .unavailable, message: "the database is not available; retry", cause: self)
        default:
            // The description names paths and SQL: for the log (cause), never for the client.
            RPCError(code: .internalError, message: "storage failed", cause: self)
        }
    }
}
