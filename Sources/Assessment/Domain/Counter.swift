/// One integer the indicators are built from, kept per scope and day (and month). Each is a
/// count of cases; DESIGN.md and indicators.proto say which cases.
public enum Counter: Int, CaseIterable, Sendable {
    /// First-instance litigation cases filed (发案量), by filing date.
    case litigationFiled
    /// Reconsideration cases filed (复议收案量), by filing date.
    case reconsiderationFiled
    // First-instance litigation concluded, by conclusion date:
    case concluded
    case losses
    /// Decided on the merits: a loss or the claim dismissed.
    case merits
    case withdrawnAfterChange
    case mediatedOrWithdrawn
    case appealed
    /// With a hearing scheduled: the head-appearance rate's denominator.
    case hearingScheduled
    /// With a hearing scheduled and a head appearance.
    case appeared
    /// With a head appearance at which a head spoke.
    case spoke
    // Reconsideration concluded, by conclusion date:
    case reconsiderationConcluded
    case corrected
    /// Corrected, or self-corrected by the agency and then withdrawn.
    case comprehensivelyCorrected
    /// First-instance litigation concluded whose counted outcome changed after it concluded.
    case revised

    /// The column holding the counter.
    public var column: String {
        switch self {
        case .litigationFiled: "litigation_filed"
        case .reconsiderationFiled: "reconsideration_filed"
        case .concluded: "concluded"
        case .losses: "losses"
        case .merits: "merits"
        case .withdrawnAfterChange: "withdrawn_after_change"
        case .mediatedOrWithdrawn: "mediated_or_withdrawn"
        case .appealed: "appealed"
        case .hearingScheduled: "hearing_scheduled"
        case .appeared: "appeared"
        case .spoke: "spoke"
        case .reconsiderationConcluded: "reconsideration_concluded"
        case .corrected: "corrected"
        case .comprehensivelyCorrected: "comprehensively_corrected"
        case .revised: "revised"
        }
    }
}
