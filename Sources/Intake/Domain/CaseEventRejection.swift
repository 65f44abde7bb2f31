public import GRPCCore
internal import ServiceKit
internal import SharedDomain

/// Why the case's history refuses an event: a broken rule (FAILED_PRECONDITION) or a field that
/// is invalid only in the light of the case itself, e.g. an outcome of the wrong kind
/// (INVALID_ARGUMENT naming the field, with a path relative to the event).
public enum CaseEventRejection: Error, Equatable, Sendable, RPCErrorConvertible {
    case rule(CaseRule, state: String)
    case invalidField(FieldViolation)

    public var rpcError: RPCError {
        switch self {
        case .rule(let rule, let state):
            RPCError(code: .failedPrecondition, message: "\(rule.rawValue): \(rule.explanation) (state \(state))")
        case .invalidField(let violation):
            .invalidArgument([violation])
        }
    }

    /// The same rejection with field paths put under `prefix` (e.g. "events[2]").
    func prefixingFields(with prefix: String) -> CaseEventRejection {
        guard case .invalidField(let violation) = self else { return self }
        return .invalidField(FieldViolation(field: "\(prefix).\(violation.field)", description: violation.description))
    }
}
