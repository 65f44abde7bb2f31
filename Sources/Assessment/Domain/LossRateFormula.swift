/// The three ways the report's cities compute a loss rate (败诉率); the default is configuration.
public enum LossRateFormula: String, CaseIterable, Sendable {
    /// 审结口径: losses ÷ first-instance litigation cases concluded.
    case concluded
    /// 实体判决口径: losses ÷ the cases decided on the merits (a loss or the claim dismissed).
    case merits
    /// 原告胜诉口径: (losses + withdrawals after the agency changed its act) ÷ concluded: counts
    /// the losses a withdrawal hides.
    case plaintiffWin

    /// The stable name in common.v1.Rate.formula.
    public var name: String {
        switch self {
        case .concluded: "loss_rate.concluded"
        case .merits: "loss_rate.merits"
        case .plaintiffWin: "loss_rate.plaintiff_win"
        }
    }

    public func rate(_ counts: Counts) -> Rate {
        switch self {
        case .concluded: Rate(counts[.losses], counts[.concluded], formula: name)
        case .merits: Rate(counts[.losses], counts[.merits], formula: name)
        case .plaintiffWin: Rate(counts[.losses] + counts[.withdrawnAfterChange], counts[.concluded], formula: name)
        }
    }
}
