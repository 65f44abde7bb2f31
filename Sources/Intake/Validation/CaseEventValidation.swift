internal import Messages
internal import ServiceKit
internal import SharedDomain

/// Field rules of one case event that need no knowledge of the case (dates real and not in the
/// future, required members, lengths). Rules that depend on the case's history live in
/// CaseLifecycle.
enum CaseEventValidation {
    /// Checks `event`; `path` is the prefix of its member, "" for RecordCaseEventRequest (whose
    /// oneof members are top-level fields) or "events[2]." for an import row.
    static func validate(
        _ event: Shuangjiang.Intake.V1.CaseEvent.Event?, path: String, today: CivilDate?,
        into violations: inout Violations
    ) {
        guard let event else {
            violations.add(path.isEmpty ? "event" : path + "event", "required: exactly one event")
            return
        }
        switch event {
        case .mediationStarted(let value):
            let field = path + "mediation_started."
            violations.required(value.channel, field + "channel")
            violations.pastDate(value.startedOn, field + "started_on", today: today)
        case .mediationConcluded(let value):
            let field = path + "mediation_concluded."
            violations.required(value.result, field + "result")
            violations.pastDate(value.concludedOn, field + "concluded_on", today: today)
        case .selfCorrected(let value):
            let field = path + "self_corrected."
            violations.pastDate(value.correctedOn, field + "corrected_on", today: today)
            violations.text(value.summary, field + "summary", 1...2000)
        case .hearingScheduled(let value):
            let field = path + "hearing_scheduled."
            violations.pastInstant(value.hearingAt, field + "hearing_at", latest: nil)
            violations.text(value.courtName, field + "court_name", 1...128)
        case .headAppearance(let value):
            let field = path + "head_appearance."
            violations.text(value.personName, field + "person_name", 1...64)
            violations.required(value.rank, field + "rank")
            violations.text(value.position, field + "position", 1...64, required: false)
            violations.known(value.evaluation, field + "evaluation")
            violations.text(value.evaluationNote, field + "evaluation_note", 1...2000, required: false)
            violations.pastDate(value.appearedOn, field + "appeared_on", today: today)
        case .concluded(let value):
            let field = path + "concluded."
            violations.required(value.outcome, field + "outcome")
            violations.pastDate(value.concludedOn, field + "concluded_on", today: today)
            violations.required(value.instance, field + "instance")
            if value.outcome.isHigherInstanceOnly && value.instance != .second {
                violations.add(field + "outcome", "APPEAL_DISMISSED and REMANDED only with instance SECOND")
            }
            violations.text(value.documentNumber, field + "document_number", 1...128, required: false)
        case .appealed(let value):
            let field = path + "appealed."
            violations.pastDate(value.appealedOn, field + "appealed_on", today: today)
            violations.required(value.appellant, field + "appellant")
            violations.text(value.higherCourtName, field + "higher_court_name", 1...128)
        case .withdrawn(let value):
            violations.pastDate(value.withdrawnOn, path + "withdrawn.withdrawn_on", today: today)
        }
    }
}
