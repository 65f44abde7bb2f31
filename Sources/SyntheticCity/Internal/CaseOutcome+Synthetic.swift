internal import Messages
internal import SharedDomain

extension Shuangjiang.Intake.V1.CaseOutcome {
    var isLoss: Bool { Outcome(rawValue: rawValue)?.isLoss ?? false }

    /// First-instance endings a party can appeal: judgments and the ruling dismissing the suit.
    var isAppealable: Bool { self == .claimDismissed || self == .suitDismissed || isLoss }
}
