internal import GRPCCore
internal import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

/// The case writes shared by FileCase, RecordCaseEvent and ImportCases. They run inside a write
/// request and throw to undo the request's writes.
extension IntakeService {
    /// A case as stored: the record and its encoded body, encoded once for the row, the
    /// idempotency record and the response.
    struct StoredCase {
        var record: V1.Case
        var body: [UInt8]
    }

    /// Files a validated case: checks its references and docket uniqueness, stores it at version 1
    /// and publishes `case_filed`. `prefix` goes before field names in errors ("filing." in imports).
    static func fileCase(
        _ tx: WriteTransaction, _ filing: ValidatedFiling, now: Instant, prefix: String = ""
    ) throws -> StoredCase {
        let request = filing.request
        // The agency and region must exist. The schema's foreign keys check that on INSERT, so
        // they are looked up here only when the INSERT fails (`checkReferences`); an id that
        // cannot name a row at all fails now.
        let agencyField = prefix + "defendant_agency_id"
        let regionField = prefix + "region_id"
        guard let agencyKey = ResourceKind.agency.parse(request.defendantAgencyId) else {
            throw RPCError.notFound(.agency, id: request.defendantAgencyId, field: agencyField)
        }
        guard let regionKey = ResourceKind.region.parse(request.regionId) else {
            throw RPCError.notFound(.region, id: request.regionId, field: regionField)
        }
        func checkReferences() throws {
            _ = try tx.existingKey(.agency, id: request.defendantAgencyId, field: agencyField)
            _ = try tx.existingKey(.region, id: request.regionId, field: regionField)
        }
        var relatedKey: Int64?
        if !request.relatedFirstInstanceCaseId.isEmpty {
            try checkReferences()  // reported before a bad related record, as the fields are listed
            let field = prefix + "related_first_instance_case_id"
            let related = try tx.stored(.case, id: request.relatedFirstInstanceCaseId, field: field)
            guard try V1.Case(storedBytes: related.body).instance == .first else {
                throw RPCError.invalidArgument([.init(field: field, description: "must name a first-instance case")])
            }
            relatedKey = related.key
        }
        let key = try tx.nextKey(.case)
        var filed = V1.Case()
        filed.id = ResourceKind.case.format(key)
        filed.version = 1
        filed.kind = request.kind
        filed.instance = request.instance
        filed.docketNumber = request.docketNumber
        filed.category = request.category
        filed.categoryDetail = request.categoryDetail
        filed.defendantAgencyId = request.defendantAgencyId
        filed.regionId = request.regionId
        filed.filedOn = filing.filedOn.date
        filed.courtName = request.courtName
        filed.courtCode = filing.courtCode
        filed.plaintiffKind = request.plaintiffKind
        filed.plaintiffCount = request.plaintiffCount
        filed.relatedFirstInstanceCaseId = request.relatedFirstInstanceCaseId
        filed.state = .filed
        filed.createdAt = now.timestamp
        filed.updatedAt = now.timestamp
        let body = try filed.serializedBytes()
        do {
            try tx.execute(
                """
                INSERT INTO cases (id, kind, instance, docket_number, court_key, defendant_agency_id, region_id,
                    related_case_id, filed_on, concluded_on, state, version, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, 1, ?)
                """, key, request.kind.rawValue, request.instance.rawValue, filing.docketKey, filing.courtKey,
                agencyKey, regionKey, relatedKey.map { DatabaseValue.integer($0) } ?? .null, filing.filedOn.key,
                filed.state.rawValue, body)
        } catch StorageError.constraint(.foreignKey, let message, let sql) {
            try checkReferences()
            throw StorageError.constraint(.foreignKey, message: message, sql: sql)
        } catch StorageError.constraint(.unique, _, _) {
            // A missing agency or region is reported first, as when it was checked up front.
            try checkReferences()
            // The only UNIQUE constraint on cases is (kind, court_key, docket_number): letting the
            // insert find the duplicate saves a lookup on every filing; this one runs only here.
            let existing = try tx.fetchValue(
                Int64.self, "SELECT id FROM cases WHERE kind = ? AND court_key = ? AND docket_number = ?",
                request.kind.rawValue, filing.courtKey, filing.docketKey)
            throw RPCError.alreadyExists(
                "\(prefix)docket_number \(request.docketNumber) is already filed as "
                    + (existing.map { ResourceKind.case.format($0) } ?? "another case"))
        }
        try publishCaseFiled(tx, body: body)
        if let relatedKey, filed.instance == .second {
            // The appeal suspends the first-instance judgment: that record changes in this write.
            try resettleLinkedFirstInstance(tx, key: relatedKey, now: now)
        }
        return StoredCase(record: filed, body: body)
    }

    /// Applies one event to case `key` by the rules of CaseLifecycle, stores the new version and
    /// publishes `case_event_recorded`.
    static func recordEvent(
        _ tx: WriteTransaction, key: Int64, case current: V1.Case, event: V1.CaseEvent.Event, now: Instant
    ) throws -> StoredCase {
        var lifecycle = try lifecycle(tx, of: current)
        try lifecycle.apply(event)
        try settleByLinkedRecords(tx, &lifecycle, of: current)
        var updated = current
        var recorded = V1.CaseEvent()
        recorded.version = current.version + 1
        recorded.recordedAt = now.timestamp
        recorded.event = event
        updated.version = recorded.version
        updated.events.append(recorded)
        updated.updatedAt = now.timestamp
        project(lifecycle, onto: &updated)
        let recordedBody = try recorded.serializedBytes()
        try tx.execute(
            "INSERT INTO case_events (case_id, version, kind, body) VALUES (?, ?, ?, ?)", key, recorded.version,
            event.name, recordedBody)
        let body = try updated.serializedBytes()
        try tx.execute(
            "UPDATE cases SET state = ?, concluded_on = ?, version = ?, body = ? WHERE id = ?",
            updated.state.rawValue, lifecycle.concludedOn.map { DatabaseValue.integer(Int64($0.key)) } ?? .null,
            updated.version, body, key)
        try publishCaseEventRecorded(tx, event: recordedBody, snapshot: body)
        if updated.instance != .first, let relatedKey = ResourceKind.case.parse(updated.relatedFirstInstanceCaseId) {
            try resettleLinkedFirstInstance(tx, key: relatedKey, now: now)
        }
        return StoredCase(record: updated, body: body)
    }

    /// After a linked higher-instance record is filed or records an event: recomputes the state and
    /// effective outcome of the first-instance record `key` and, if they changed, stores them as a
    /// new version (no event of its own) and publishes a `case_event_recorded` with the snapshot.
    static func resettleLinkedFirstInstance(_ tx: WriteTransaction, key: Int64, now: Instant) throws {
        guard let bytes = try tx.fetchValue([UInt8].self, ResourceKind.case.bodySQL, key) else { return }
        let current = try V1.Case(storedBytes: bytes)
        var updated = current
        project(try lifecycle(tx, of: current), onto: &updated)
        guard updated != current else { return }
        updated.version = current.version + 1
        updated.updatedAt = now.timestamp
        let body = try updated.serializedBytes()
        try tx.execute(
            "UPDATE cases SET state = ?, version = ?, body = ? WHERE id = ?", updated.state.rawValue, updated.version,
            body, key)
        try publishCaseEventRecorded(tx, event: nil, snapshot: body)
    }

    /// The case's state machine, rebuilt from its recorded events.
    static func lifecycle(_ tx: some Transaction, of stored: V1.Case) throws -> CaseLifecycle {
        guard let filedOn = CivilDate(stored.filedOn) else {
            throw RPCError(code: .dataLoss, message: "case \(stored.id) has no valid filed_on")
        }
        var lifecycle = CaseLifecycle(
            kind: stored.kind, instance: stored.instance, filedOn: filedOn,
            priorOutcome: try priorOutcome(tx, relatedCaseId: stored.relatedFirstInstanceCaseId))
        for recorded in stored.events {
            if let event = recorded.event { try lifecycle.apply(event) }
        }
        try settleByLinkedRecords(tx, &lifecycle, of: stored)
        return lifecycle
    }

    /// The first-instance outcome a linked higher-instance record starts from, if that record
    /// has one.
    static func priorOutcome(
        _ tx: some Transaction, relatedCaseId: String
    ) throws -> (outcome: V1.CaseOutcome, on: CivilDate)? {
        guard let relatedKey = ResourceKind.case.parse(relatedCaseId),
            let bytes = try tx.fetchValue([UInt8].self, ResourceKind.case.bodySQL, relatedKey)
        else { return nil }
        let related = try V1.Case(storedBytes: bytes)
        guard related.firstInstanceOutcome != .unspecified, let on = CivilDate(related.concludedOn) else { return nil }
        return (related.firstInstanceOutcome, on)
    }

    /// Settles a first-instance record's effective outcome by the latest ruling among the
    /// higher-instance records linked to it (CaseLifecycle.settle(byLinked:)).
    static func settleByLinkedRecords(
        _ tx: some Transaction, _ lifecycle: inout CaseLifecycle, of stored: V1.Case
    ) throws {
        guard stored.instance == .first, lifecycle.isOpenToLinkedRuling, let key = ResourceKind.case.parse(stored.id)
        else { return }
        var latest: CaseLifecycle.LinkedRuling?
        for row in try tx.fetchAll("SELECT body FROM cases WHERE related_case_id = ? ORDER BY id", key) {
            let linked = try V1.Case(storedBytes: try row.get(0, as: [UInt8].self))
            if let ruling = CaseLifecycle.LinkedRuling(
                instance: linked.instance, state: linked.state, outcome: linked.firstInstanceOutcome,
                filedOn: CivilDate(linked.filedOn), concludedOn: CivilDate(linked.concludedOn)),
                ruling.day >= latest?.day ?? ruling.day
            {
                latest = ruling
            }
        }
        if let latest { lifecycle.settle(byLinked: latest) }
    }

    /// Copies the derived fields onto the read model.
    static func project(_ lifecycle: CaseLifecycle, onto record: inout V1.Case) {
        record.state = lifecycle.state
        record.firstInstanceOutcome = lifecycle.ownOutcome
        record.concludedOn = lifecycle.concludedOn?.date
        record.finalOutcome = lifecycle.finalOutcome
        record.finalConcludedOn = lifecycle.finalConcludedOn?.date
        record.isLoss = lifecycle.isLoss
        record.selfCorrected = lifecycle.selfCorrected
    }
}
