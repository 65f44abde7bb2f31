/// How a case ended, as the domain counts it (DESIGN.md, "Cases"). The raw values are
/// `CaseOutcome`'s numbers in case_types.proto, so the wire enum converts by value; a test keeps
/// the two in step.
public enum Outcome: Int32, CaseIterable, Sendable {
    case claimDismissed = 1
    case suitDismissed = 2
    case withdrawn = 3
    case withdrawnAfterChange = 4
    case mediated = 5
    case revoked = 6
    case partiallyRevoked = 7
    case revokedAndRedo = 8
    case varied = 9
    case confirmedIllegal = 10
    case confirmedInvalid = 11
    case orderedToPerform = 12
    case orderedToPay = 13
    case compensationOrdered = 14
    case indemnityOrdered = 15
    case orderedToHonourAgreement = 16
    case coercionLifted = 17
    case terminated = 18
    case transferred = 19
    case upheld = 20
    case rejected = 21
    case notAccepted = 22
    case appealDismissed = 23
    case remanded = 24

    /// A loss (败诉) for the agency: the act was revoked, varied, confirmed illegal or invalid, or
    /// the agency was ordered to perform, pay, compensate, indemnify, honour an agreement or lift
    /// a coercive measure.
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

    /// A correction (纠错) in reconsideration: 撤销, 变更, 确认违法 or 责令履行 (with their partial
    /// and redo forms). The comprehensive correction rate also counts a self-correction followed by
    /// a withdrawal; that needs the case's events, not only its outcome.
    public var isCorrection: Bool {
        switch self {
        case .revoked, .partiallyRevoked, .revokedAndRedo, .varied, .confirmedIllegal, .confirmedInvalid,
            .orderedToPerform:
            true
        default:
            false
        }
    }

    /// 改变行政行为后撤诉: not a loss, but reported on its own because it can hide one.
    public var isWithdrawalAfterChange: Bool { self == .withdrawnAfterChange }

    /// Counts in the mediation and withdrawal rate (调撤率): mediated, settled or withdrawn,
    /// including withdrawal after the agency changed its act.
    public var isMediationOrWithdrawal: Bool {
        self == .mediated || self == .withdrawn || self == .withdrawnAfterChange
    }

    /// A decision on the merits (实体判决), the merits-only loss-rate formula's denominator: a loss,
    /// or the claim dismissed (reconsideration: upheld or rejected). Procedural endings (suit
    /// dismissed, withdrawn, mediated, terminated, transferred, not accepted) are not.
    public var isMeritsJudgment: Bool {
        isLoss || self == .claimDismissed || self == .upheld || self == .rejected
    }

    /// Only a higher instance gives these; they are not effective outcomes by themselves.
    public var isHigherInstanceOnly: Bool {
        self == .appealDismissed || self == .remanded
    }
}
