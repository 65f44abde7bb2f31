public import GRPC
internal import GRPCCore
public import Messages
internal import ServiceKit
public import SharedDomain
internal import Storage

extension AccountabilityService {
    public func openSupervision(_ request: V1.OpenSupervisionRequest, context: ServerContext) async throws
        -> V1.Supervision
    {
        let now = clock.now()
        var violations = Violations()
        violations.openSupervision(request, now: now)
        try violations.check()
        guard let record = try await intake.caseRecord(request.caseId, field: "case_id"),
            let caseKey = ResourceKind.case.parse(record.id)
        else { throw RPCError.notFound(.case, id: request.caseId, field: "case_id") }
        guard let region = try await intake.region(request.regionId, field: "region_id") else {
            throw RPCError.notFound(.region, id: request.regionId, field: "region_id")
        }
        guard record.regionId == region.id else {
            throw RPCError.invalidArgument([
                .init(
                    field: "region_id",
                    description: "must be the region the case is counted under: \(record.id) is in \(record.regionId)")
            ])
        }
        let opening = SupervisionOpening(
            kind: request.kind, caseId: record.id, caseKey: caseKey, regionId: region.id, ownerName: request.ownerName,
            ownerPosition: request.ownerPosition, plan: request.plan, dueAt: Instant(request.dueAt) ?? now,
            reminderLeadSeconds: request.reminderLead?.seconds ?? rules.supervision.reminderLeadSeconds,
            alertSequence: request.alertSequence, openedBy: request.openedBy)
        let timeZone = self.timeZone
        let bytes = try await createOnce("OpenSupervision", request: request, requestId: request.requestId) { tx in
            if request.alertSequence > 0, try AlertsTable.body(tx, sequence: request.alertSequence) == nil {
                throw RPCError(
                    code: .notFound,
                    message:
                        "alert_sequence: accountability has received no alert \(request.alertSequence) from assessment (yet)"
                )
            }
            return try opening.open(tx, timeZone: timeZone, now: now).serializedBytes()
        }.response
        alarm.wake()
        return try V1.Supervision(storedBytes: bytes)
    }

    public func getSupervision(_ request: V1.GetSupervisionRequest, context: ServerContext) async throws
        -> V1.Supervision
    {
        try await fetch(V1.Supervision.self, .supervision, id: request.id)
    }

    public func updateSupervision(_ request: V1.UpdateSupervisionRequest, context: ServerContext) async throws
        -> V1.Supervision
    {
        let now = clock.now()
        var violations = Violations()
        violations.updateSupervision(request, now: now)
        try violations.check()
        let newDue = Instant(request.newDueAt)
        let bytes = try await changeSupervision(
            "UpdateSupervision", request, id: request.supervisionId, expectedVersion: request.expectedVersion, now: now
        ) {
            (supervision: inout V1.Supervision, schedule: inout SupervisionSchedule) throws(SupervisionTransitionError)
            in
            try schedule.requireOpen()
            var update = V1.SupervisionUpdate()
            update.note = request.note
            update.recordedBy = request.recordedBy
            update.recordedAt = now.timestamp
            if let newDue {
                update.previousDueAt = schedule.dueAt.timestamp
                try schedule.reschedule(to: newDue, now: now)
                update.newDueAt = newDue.timestamp
                update.newDueReason = request.newDueReason
            }
            if let owner = request.newOwner {
                var change = V1.OwnerChange()
                change.ownerName = owner.ownerName
                change.ownerPosition = owner.ownerPosition
                change.reason = owner.reason
                change.previousOwnerName = supervision.ownerName
                change.previousOwnerPosition = supervision.ownerPosition
                update.ownerChange = change
                supervision.ownerName = owner.ownerName
                supervision.ownerPosition = owner.ownerPosition
            }
            supervision.updates.append(update)
        }
        return try V1.Supervision(storedBytes: bytes)
    }

    public func closeSupervision(_ request: V1.CloseSupervisionRequest, context: ServerContext) async throws
        -> V1.Supervision
    {
        let now = clock.now()
        var violations = Violations()
        violations.closeSupervision(request)
        try violations.check()
        let bytes = try await changeSupervision(
            "CloseSupervision", request, id: request.supervisionId, expectedVersion: request.expectedVersion, now: now
        ) {
            (supervision: inout V1.Supervision, schedule: inout SupervisionSchedule) throws(SupervisionTransitionError)
            in
            try schedule.close()
            var closeOut = V1.SupervisionCloseOut()
            closeOut.result = request.result
            closeOut.summary = request.summary
            closeOut.closedBy = request.closedBy
            closeOut.closedAt = now.timestamp
            supervision.closeOut = closeOut
        }
        return try V1.Supervision(storedBytes: bytes)
    }

    /// One idempotent change of a supervision at `expectedVersion`: `change` edits the message and
    /// its clock (throwing a transition error to refuse), then the timer is woken for the new
    /// earliest instant.
    private func changeSupervision<R: ProtoMessage>(
        _ scope: String, _ request: R, id: String, expectedVersion: Int64, now: Instant,
        _ change:
            @escaping @Sendable (inout V1.Supervision, inout SupervisionSchedule) throws(SupervisionTransitionError)
            -> Void
    ) async throws -> [UInt8] where R: RequestIdentifying {
        let timeZone = self.timeZone
        let bytes = try await createOnce(scope, request: request, requestId: request.requestId) { tx in
            let (key, body) = try tx.stored(.supervision, id: id, field: "supervision_id")
            var supervision = try V1.Supervision(storedBytes: body)
            guard supervision.version == expectedVersion else {
                throw RPCError.versionConflict(expected: expectedVersion, actual: supervision.version)
            }
            var schedule = supervision.schedule
            do throws(SupervisionTransitionError) {
                try change(&supervision, &schedule)
            } catch {
                switch error {
                case .closed:
                    throw RPCError.failedPrecondition(
                        "\(supervision.id) is closed out (CLOSED): nothing changes it any more")
                case .deadlineNotInFuture:
                    throw RPCError.invalidArgument([.init(field: "new_due_at", description: "must be in the future")])
                }
            }
            supervision.adopt(schedule)
            supervision.version += 1
            supervision.updatedAt = now.timestamp
            let stored = try supervision.serializedBytes()
            try SupervisionsTable.update(
                tx, key: key, supervision.columns(timeZone), version: supervision.version, body: stored)
            return stored
        }.response
        alarm.wake()
        return bytes
    }

    public func listSupervisions(_ request: V1.ListSupervisionsRequest, context: ServerContext) async throws
        -> V1.ListSupervisionsResponse
    {
        var violations = Violations()
        let limit = violations.pageSize(request.pageSize)
        violations.known(request.kind, "kind")
        violations.known(request.state, "state")
        violations.filter(request.regionId, "region_id")
        violations.filter(request.caseId, "case_id")
        var dueBefore: Instant?
        if request.dueBefore != nil {
            dueBefore = violations.pastInstant(request.dueBefore, "due_before", latest: nil)
        }
        try violations.check()
        let position = try listPosition(request, shape: [.integer(0), .integer(0)])
        var query = KeysetQuery(table: "supervisions", order: ["due_at", "id"])
        if request.kind != .unspecified { query.filter("kind = ?", Int64(request.kind.rawValue)) }
        if request.state != .unspecified { query.filter("state = ?", Int64(request.state.rawValue)) }
        if !request.regionId.isEmpty {
            query.filter("region_id = ?", ResourceKind.region.parse(request.regionId) ?? -1)
        }
        if !request.caseId.isEmpty { query.filter("case_id = ?", ResourceKind.case.parse(request.caseId) ?? -1) }
        if let dueBefore { query.filter("due_at < ?", dueBefore.milliseconds) }
        let page = try await read { [query] tx in
            try query.run(tx, after: position.after, limit: limit, maxBytes: Self.listPageBytes)
        }
        var response = V1.ListSupervisionsResponse()
        response.supervisions = try page.bodies.map { try V1.Supervision(storedBytes: $0) }
        response.nextPageToken = position.nextToken(page.next)
        return response
    }

    // MARK: The timer's work

    /// Raises every reminder and escalation due by the clock's now, once each, in one write.
    /// - Returns: what was raised, by supervision id.
    @discardableResult
    public func fireDue() async throws -> [(supervision: String, notice: SupervisionNotice)] {
        let now = clock.now()
        let timeZone = self.timeZone
        return try await write { tx in
            var raised: [(supervision: String, notice: SupervisionNotice)] = []
            for (key, body) in try SupervisionsTable.due(tx, now: now.milliseconds) {
                var supervision = try V1.Supervision(storedBytes: body)
                var schedule = supervision.schedule
                let notices = schedule.fire(now: now)
                supervision.adopt(schedule)
                for notice in notices {
                    var message = V1.SupervisionNotice()
                    message.kind = V1.SupervisionNoticeKind(rawValue: notice.kind.rawValue)
                    message.dueAt = notice.dueAt.timestamp
                    message.scheduledAt = notice.scheduledAt.timestamp
                    message.raisedAt = notice.raisedAt.timestamp
                    supervision.notices.append(message)
                    raised.append((supervision.id, notice))
                }
                if !notices.isEmpty {
                    supervision.version += 1
                    supervision.updatedAt = now.timestamp
                }
                try SupervisionsTable.update(
                    tx, key: key, supervision.columns(timeZone), version: supervision.version,
                    body: try supervision.serializedBytes())
            }
            return raised
        }
    }

    /// The earliest instant a reminder or an escalation falls due, if any is pending.
    public func nextAlarm() async throws -> Instant? {
        try await read { tx in try SupervisionsTable.nextAlarm(tx).map(Instant.init(milliseconds:)) }
    }
}
