public import GRPCCore

/// The statuses every service reports beyond INVALID_ARGUMENT, worded one way everywhere: the
/// field or resource first, then the rule, then what to do.
extension RPCError {
    public static func notFound(_ kind: ResourceKind, id: String, field: String) -> RPCError {
        RPCError(code: .notFound, message: "\(field): no \(kind.name) has id \"\(id)\"")
    }

    public static func alreadyExists(_ message: String) -> RPCError {
        RPCError(code: .alreadyExists, message: message)
    }

    public static func failedPrecondition(_ message: String) -> RPCError {
        RPCError(code: .failedPrecondition, message: message)
    }

    /// Optimistic concurrency: the client wrote against a version that is no longer current.
    public static func versionConflict(expected: Int64, actual: Int64) -> RPCError {
        RPCError(
            code: .aborted,
            message: "expected_version \(expected) is not the current version \(actual); read again and retry")
    }
}
