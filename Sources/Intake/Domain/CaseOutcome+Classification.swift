public import Messages

extension Shuangjiang.Intake.V1.CaseOutcome {
    /// Whether the outcome counts as a loss (败诉) for the agency (DESIGN.md, "Cases").
    public var isLoss: Bool {
        switch self {
        case .revoked, .partiallyRevoked, .revokedAndRedo, .varied, .confirmedIllegal, .confirmedInvalid,
            .orderedToPerform, .orderedToPay, .compensationOrdered, .indemnityOrdered, .orderedToHonourAgreement,
            .coercionLifted:
            true
        default:
            false
        }
    }

    /// Whether the outcome counts as a correction (纠错) in reconsideration.
    public var isCorrection: Bool {
        switch self {
        case .revoked, .partiallyRevoked, .revokedAndRedo, .varied, .confirmedIllegal, .confirmedInvalid,
            .orderedToPerform:
            true
        default:
            false
        }
    }

    /// Only a higher instance gives these; they are not effective outcomes by themselves.
    public var isHigherInstanceOnly: Bool {
        self == .appealDismissed || self == .remanded
    }

    /// Whether a case of `kind` can end this way (see CaseOutcome in case_types.proto).
    public func isAllowed(for kind: Shuangjiang.Intake.V1.CaseKind) -> Bool {
        switch self {
        case .unspecified, .unrecognized: false
        case .claimDismissed, .suitDismissed, .appealDismissed, .remanded: kind == .litigation
        case .upheld, .rejected, .notAccepted: kind == .reconsideration
        default: true
        }
    }
}
