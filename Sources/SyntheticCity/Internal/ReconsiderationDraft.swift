internal import Messages
internal import SharedDomain

/// A reconsideration case's path before its outcome is drawn.
struct ReconsiderationDraft: Sendable {
    enum Path: Sendable {
        /// Resolved in mediation (行政调解), ending by withdrawal or as MEDIATED.
        case mediated(byWithdrawal: Bool)
        case notAccepted
        case withdrawn
        case merits
    }

    let record: Int
    var path = Path.merits
    var mediation: (start: CivilDate, end: CivilDate, result: Shuangjiang.Intake.V1.MediationResult)?
    /// A hearing (听证): the day it was scheduled and the day it was held.
    var hearing: (scheduled: CivilDate, held: CivilDate)?
    var end: CivilDate
    /// The log-odds offset of a correction, before the year's intercept.
    var offset = 0.0
}
