internal import GRPCCore
internal import Storage

/// The statuses intake reports beyond INVALID_ARGUMENT, built in one place so every message
/// names the resource and the rule the same way.
enum IntakeError {
    static func notFound(_ resource: ResourceID, _ id: String, field: String) -> RPCError {
        RPCError(code: .notFound, message: "\(field): no \(resource.rawValue) has id \"\(id)\"")
    }

    static func alreadyExists(_ message: String) -> RPCError {
        RPCError(code: .alreadyExists, message: message)
    }

    static func failedPrecondition(_ message: String) -> RPCError {
        RPCError(code: .failedPrecondition, message: message)
    }

    static func versionConflict(expected: Int64, actual: Int64) -> RPCError {
        RPCError(
            code: .aborted,
            message: "expected_version \(expected) is not the current version \(actual); read again and retry")
    }

    /// Maps storage failures to the status a client can act on.
    static func translate(_ error: any Error) -> any Error {
        guard let error = error as? StorageError else { return error }
        switch error {
        case .requestIdReused(_, let requestId):
            return alreadyExists("request_id \"\(requestId)\" was already used for a different request")
        case .constraint(.unique, let message, _), .constraint(.primaryKey, let message, _):
            return RPCError(code: .alreadyExists, message: "already exists (\(message))", cause: error)
        case .closed, .locked:
            return RPCError(code: .unavailable, message: "the database is not available; retry", cause: error)
        default:
            return RPCError(code: .internalError, message: "storage failed", cause: error)
        }
    }
}
