internal import Messages
internal import SharedDomain

/// A first-instance litigation case's path before its outcome is drawn: everything the loss
/// model reads is decided here, so the outcome can depend on it.
struct LitigationDraft: Sendable {
    enum Path: Sendable {
        /// Resolved in pre-litigation mediation, ending by withdrawal or as MEDIATED.
        case mediated(byWithdrawal: Bool)
        /// 驳回起诉 (or terminated, transferred) on procedure.
        case procedural
        /// Withdrawn for the plaintiff's own reasons.
        case withdrawn
        /// Decided on the merits: the only path that can end in a loss.
        case merits
    }

    let record: Int
    var path = Path.merits
    var mediation:
        (
            channel: Shuangjiang.Intake.V1.MediationChannel, start: CivilDate, end: CivilDate,
            result: Shuangjiang.Intake.V1.MediationResult
        )?
    /// Hearings as scheduled, (day scheduled, day of the hearing); a second entry reschedules.
    var hearings: [(scheduled: CivilDate, held: CivilDate)] = []
    /// 09:00 or 14:30.
    var hearingMinute = 9 * 60
    var appearance: (head: AgencyHead, spoke: Bool, evaluation: Shuangjiang.Intake.V1.AppearanceEvaluation)?
    var end: CivilDate
    var factors = CaseFactors()
}
