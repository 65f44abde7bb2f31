public import Messages
internal import ServiceKit
internal import SharedDomain

extension Shuangjiang.Intake.V1.CaseOutcome {
    /// Whether a case of `kind` can end this way (see CaseOutcome in case_types.proto). How an
    /// outcome counts (loss, correction) is the shared domain's `Outcome`.
    public func isAllowed(for kind: Shuangjiang.Intake.V1.CaseKind) -> Bool {
        switch self {
        case .unspecified, .unrecognized: false
        case .claimDismissed, .suitDismissed, .appealDismissed, .remanded: kind == .litigation
        case .upheld, .rejected, .notAccepted: kind == .reconsideration
        default: true
        }
    }
}
