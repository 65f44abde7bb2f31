internal import Messages
internal import ServiceKit
internal import SharedDomain

/// Field rules of accountability's requests: everything that needs no more than the request and
/// the clock, checked before anything is read or written.
extension Violations {
    typealias V1 = Shuangjiang.Accountability.V1

    static let maxDocuments = 20
    static let maxPersons = 100

    mutating func actor(_ value: String, _ field: String) {
        text(value, field, 1...128)
    }

    mutating func id(_ value: String, _ field: String) {
        text(value, field, 1...64)
    }

    mutating func expectedVersion(_ value: Int64) {
        if value < 1 { add("expected_version", "required: the version last read (1 or more)") }
    }

    /// An optional instant not in the future (give or take the skew); nil when unset.
    mutating func optionalPastInstant(_ value: Google.Protobuf.Timestamp?, _ field: String, now: Instant) -> Instant? {
        guard value != nil else { return nil }
        return pastInstant(value, field, latest: now.adding(seconds: AccountabilityService.clockSkewSeconds))
    }

    /// A required instant after `now`.
    mutating func futureInstant(_ value: Google.Protobuf.Timestamp?, _ field: String, now: Instant) -> Instant? {
        guard let value else {
            add(field, "required")
            return nil
        }
        guard let instant = Instant(value) else {
            add(field, "must be a valid timestamp (nanos 0-999999999, years 1-9999)")
            return nil
        }
        guard instant > now else {
            add(field, "must be in the future")
            return nil
        }
        return instant
    }

    mutating func documents(_ references: [String], _ field: String = "document_references") {
        if references.count > Self.maxDocuments { add(field, "at most \(Self.maxDocuments) references") }
        for (index, reference) in references.prefix(Self.maxDocuments).enumerated() {
            text(reference, "\(field)[\(index)]", 1...256)
        }
    }

    mutating func openReferral(_ request: V1.OpenReferralRequest, now: Instant) {
        requestId(request.requestId)
        switch request.source?.origin {
        case .caseId(let id): self.id(id, "source.case_id")
        case .opinionId(let id): self.id(id, "source.opinion_id")
        case .alertSequence(let sequence): if sequence <= 0 { add("source.alert_sequence", "must be positive") }
        case .manual(let manual):
            text(manual.description, "source.manual.description", 1...2000)
            text(manual.documentReference, "source.manual.document_reference", 1...256)
        case nil: add("source", "required: exactly one of case_id, opinion_id, alert_sequence or manual")
        }
        id(request.regionId, "region_id")
        id(request.agencyId, "agency_id")
        text(request.reason, "reason", 1...2000)
        actor(request.performedBy, "performed_by")
        _ = optionalPastInstant(request.occurredAt, "occurred_at", now: now)
        documents(request.documentReferences)
    }

    mutating func advanceReferral(_ request: V1.AdvanceReferralRequest, now: Instant, today: CivilDate?) {
        id(request.referralId, "referral_id")
        required(request.expectedStep, "expected_step")
        requestId(request.requestId)
        actor(request.performedBy, "performed_by")
        _ = optionalPastInstant(request.occurredAt, "occurred_at", now: now)
        switch request.nextStep {
        case .investigationStarted(let step):
            actor(step.investigator, "investigation_started.investigator")
            pastDate(step.startedOn, "investigation_started.started_on", today: today)
        case .handlingOpinionProposed(let opinion):
            handlingOpinion(opinion, "handling_opinion_proposed")
        case .decisionExecuted(let step):
            text(step.decisionDocument, "decision_executed.decision_document", 1...256)
            pastDate(step.executedOn, "decision_executed.executed_on", today: today)
        case nil:
            add("next_step", "required: investigation_started, handling_opinion_proposed or decision_executed")
        }
        documents(request.documentReferences)
    }

    /// 追责/从轻/从重 need a person or the unit, and a sanction for each person; the unit flag only
    /// goes with them; a person is named once.
    mutating func handlingOpinion(_ opinion: V1.HandlingOpinionProposed, _ path: String) {
        required(opinion.disposition, "\(path).disposition")
        text(opinion.rationale, "\(path).rationale", 1...4000)
        let holds = Disposition(rawValue: opinion.disposition.rawValue)?.holdsAccountable
        if holds == true && opinion.persons.isEmpty && !opinion.unitHeldAccountable {
            add(
                "\(path).persons",
                "required for ACCOUNTABLE, LIGHTER and HEAVIER: name a person, or set unit_held_accountable")
        }
        if holds == false && opinion.unitHeldAccountable {
            add("\(path).unit_held_accountable", "only with ACCOUNTABLE, LIGHTER or HEAVIER")
        }
        if opinion.persons.count > Self.maxPersons { add("\(path).persons", "at most \(Self.maxPersons) persons") }
        var keys = Set<String>()
        for (index, person) in opinion.persons.prefix(Self.maxPersons).enumerated() {
            let field = "\(path).persons[\(index)]"
            text(person.name, "\(field).name", 1...64)
            text(person.position, "\(field).position", 1...128)
            text(person.sanction, "\(field).sanction", 1...128, required: holds == true)
            if person.personKey.isEmpty {
                add(
                    "\(field).person_key",
                    "required: the caller's key for the person, e.g. the staff number, 1-64 printable ASCII")
            } else if person.personKey.utf8.count > 64 || !Self.isPrintableASCII(person.personKey) {
                add("\(field).person_key", "must be 1-64 printable ASCII characters")
            } else if !keys.insert(person.personKey).inserted {
                add("\(field).person_key", "names a person already named in this opinion")
            }
        }
    }

    mutating func compileBatch(_ request: V1.CompileMonthlyBatchRequest) -> CalendarPeriod? {
        requestId(request.requestId)
        actor(request.compiledBy, "compiled_by")
        guard let period = request.month else {
            add("month", "required: a MONTH period")
            return nil
        }
        guard let month = calendarPeriod(period, "month") else { return nil }
        guard case .month = month else {
            add("month.kind", "must be MONTH")
            return nil
        }
        return month
    }

    mutating func recordOutcome(_ request: V1.RecordEscalationOutcomeRequest, today: CivilDate?) {
        id(request.escalationId, "escalation_id")
        expectedVersion(request.expectedVersion)
        requestId(request.requestId)
        switch request.status {
        case .completed:
            pastDate(request.heldOn, "held_on", today: today)
            actor(request.conductedBy, "conducted_by")
        case .cancelled:
            if request.heldOn != nil { add("held_on", "must be unset for CANCELLED") }
            if !request.conductedBy.isEmpty { add("conducted_by", "must be empty for CANCELLED") }
        default:
            add("status", "required: COMPLETED or CANCELLED")
        }
        text(request.summary, "summary", 1...4000)
        actor(request.recordedBy, "recorded_by")
    }

    /// The reminder lead in seconds; nil when unset (the configured default applies).
    mutating func reminderLead(_ value: Google.Protobuf.Duration?, _ field: String) -> Int64? {
        guard let value else { return nil }
        guard value.nanos == 0, value.seconds > 0, value.seconds <= SupervisionDefaults.maxReminderLeadSeconds else {
            add(field, "must be whole seconds, positive and at most 30 days")
            return nil
        }
        return value.seconds
    }

    mutating func openSupervision(_ request: V1.OpenSupervisionRequest, now: Instant) {
        requestId(request.requestId)
        required(request.kind, "kind")
        id(request.caseId, "case_id")
        id(request.regionId, "region_id")
        text(request.ownerName, "owner_name", 1...64)
        text(request.ownerPosition, "owner_position", 1...128)
        text(request.plan, "plan", 1...4000)
        _ = futureInstant(request.dueAt, "due_at", now: now)
        _ = reminderLead(request.reminderLead, "reminder_lead")
        if request.alertSequence < 0 { add("alert_sequence", "must not be negative") }
        actor(request.openedBy, "opened_by")
    }

    mutating func updateSupervision(_ request: V1.UpdateSupervisionRequest, now: Instant) {
        id(request.supervisionId, "supervision_id")
        expectedVersion(request.expectedVersion)
        requestId(request.requestId)
        text(request.note, "note", 1...2000)
        actor(request.recordedBy, "recorded_by")
        if request.newDueAt != nil {
            _ = futureInstant(request.newDueAt, "new_due_at", now: now)
            text(request.newDueReason, "new_due_reason", 1...2000)
        } else if !request.newDueReason.isEmpty {
            add("new_due_reason", "only with new_due_at")
        }
        if let owner = request.newOwner {
            text(owner.ownerName, "new_owner.owner_name", 1...64)
            text(owner.ownerPosition, "new_owner.owner_position", 1...128)
            text(owner.reason, "new_owner.reason", 1...2000)
        }
    }

    mutating func closeSupervision(_ request: V1.CloseSupervisionRequest) {
        id(request.supervisionId, "supervision_id")
        expectedVersion(request.expectedVersion)
        requestId(request.requestId)
        required(request.result, "result")
        text(request.summary, "summary", 1...4000)
        actor(request.closedBy, "closed_by")
    }

    /// An optional id filter of a List request.
    mutating func filter(_ value: String, _ field: String) {
        text(value, field, 1...64, required: false)
    }
}
