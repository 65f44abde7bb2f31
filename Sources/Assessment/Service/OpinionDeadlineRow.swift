internal import ServiceKit
internal import SharedDomain

/// One deadline as assessment keeps it, with what its alerts name: the incident, its department
/// and region (intake keys) and its summary.
struct OpinionDeadlineRow: Sendable {
    let opinion: Int64
    let region: Int64
    let department: Int64
    let summary: String
    let deadline: OpinionDeadline
    /// The day its due time falls on (city zone): the period it counts in and its alerts' month.
    let dueDay: CivilDate

    var opinionId: String { ResourceKind.opinion.format(opinion) }

    /// "deadline_missed/opinion-7/report_up": raised once.
    var missedKey: String { "deadline_missed/\(opinionId)/\(deadline.kind.keyName)" }

    /// "deadline_missed_withdrawn/opinion-7/report_up": the one correction of that alert.
    var withdrawnKey: String { "deadline_missed_withdrawn/\(opinionId)/\(deadline.kind.keyName)" }
}
