public import SharedDomain

/// One case in the casebook: why it is there, its docket and outcome, and what happened, in
/// order.
public struct CasebookEntry: Sendable, Hashable {
    /// Why a case is in the casebook. The counts match the indicators' numerators: a lost case is
    /// one the loss rate counts (审结口径), a corrected one the direct correction rate's, and a
    /// self-correction then withdrawal what the comprehensive rate adds.
    public enum Reason: Sendable, Hashable, CaseIterable {
        /// 败诉: a first-instance litigation case concluded in the period whose effective outcome
        /// is a loss (provisionally the first instance's while an appeal is pending).
        case lost
        /// 复议纠错: a reconsideration case concluded in the period with a correcting outcome.
        case corrected
        /// 自我纠错后撤回: a reconsideration case the agency corrected itself, then withdrawn.
        case selfCorrectedThenWithdrawn
        /// 改变行政行为后撤诉: litigation withdrawn after the agency changed its act, listed because
        /// it can hide a loss.
        case withdrawnAfterChange
    }

    /// One event of the case (or of a later-instance record of it).
    public struct Step: Sendable, Hashable {
        public var on: CivilDate?
        public var text: String

        public init(on: CivilDate?, text: String) {
            self.on = on
            self.text = text
        }
    }

    public var reason: Reason
    public var caseId: String
    public var docketNumber: String
    /// "行政诉讼" or "行政复议".
    public var kind: String
    public var category: String
    public var categoryDetail: String
    public var court: String
    public var filedOn: CivilDate?
    public var concludedOn: CivilDate?
    /// The own instance's outcome, e.g. "撤销".
    public var firstInstanceOutcome: String
    /// The effective outcome (生效结果); the first instance's while an appeal is pending.
    public var effectiveOutcome: String
    /// True while a higher instance is pending: the outcome may still change.
    public var provisional: Bool
    /// The record's own events, then those of any later-instance records linked to it.
    public var steps: [Step]

    public init(
        reason: Reason, caseId: String, docketNumber: String, kind: String, category: String,
        categoryDetail: String = "",
        court: String = "", filedOn: CivilDate? = nil, concludedOn: CivilDate? = nil, firstInstanceOutcome: String,
        effectiveOutcome: String, provisional: Bool = false, steps: [Step] = []
    ) {
        self.reason = reason
        self.caseId = caseId
        self.docketNumber = docketNumber
        self.kind = kind
        self.category = category
        self.categoryDetail = categoryDetail
        self.court = court
        self.filedOn = filedOn
        self.concludedOn = concludedOn
        self.firstInstanceOutcome = firstInstanceOutcome
        self.effectiveOutcome = effectiveOutcome
        self.provisional = provisional
        self.steps = steps
    }
}
