public import GRPCCore
internal import ServiceKit
internal import SharedDomain

/// A rule of an incident's milestones that a new milestone can break (FAILED_PRECONDITION).
public enum OpinionRule: String, Sendable, Error, CaseIterable, RPCErrorConvertible {
    case milestoneRepeated = "opinion.milestone_repeated"
    case milestoneAfterClose = "opinion.milestone_after_close"
    case milestoneBeforeDetection = "opinion.milestone_before_detection"

    public var explanation: String {
        switch self {
        case .milestoneRepeated: "each kind of milestone is recorded at most once"
        case .milestoneAfterClose: "the incident is closed; no milestone may follow"
        case .milestoneBeforeDetection: "a milestone cannot occur before the incident was detected"
        }
    }

    public var rpcError: RPCError {
        RPCError(code: .failedPrecondition, message: "\(rawValue): \(explanation)")
    }
}
