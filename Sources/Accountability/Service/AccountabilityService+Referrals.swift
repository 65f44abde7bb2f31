public import GRPC
internal import GRPCCore
public import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

extension AccountabilityService {
    public func openReferral(_ request: V1.OpenReferralRequest, context: ServerContext) async throws -> V1.Referral {
        let now = clock.now()
        var violations = Violations()
        violations.openReferral(request, now: now)
        try violations.check()
        let opening = try await resolve(request, now: now)
        let rules = self.rules.repeatedLoss
        let timeZone = self.timeZone
        let bytes = try await createOnce("OpenReferral", request: request, requestId: request.requestId) {
            [opening] tx in
            var opening = opening
            if case .alertSequence(let sequence) = request.source?.origin {
                guard let body = try AlertsTable.body(tx, sequence: sequence) else {
                    throw RPCError(
                        code: .notFound,
                        message:
                            "source.alert_sequence: accountability has received no alert \(sequence) from assessment (yet)"
                    )
                }
                opening.concern(try Shuangjiang.Assessment.V1.Alert(storedBytes: body))
            }
            return try opening.open(tx, rules: rules, timeZone: timeZone, now: now).serializedBytes()
        }.response
        return try V1.Referral(storedBytes: bytes)
    }

    /// The request's region, agency and source checked with intake, as an opening.
    private func resolve(_ request: V1.OpenReferralRequest, now: Instant) async throws -> ReferralOpening {
        guard let agency = try await intake.agency(request.agencyId, field: "agency_id"),
            let agencyKey = ResourceKind.agency.parse(agency.id)
        else { throw RPCError.notFound(.agency, id: request.agencyId, field: "agency_id") }
        guard let region = try await intake.region(request.regionId, field: "region_id"),
            let regionKey = ResourceKind.region.parse(region.id)
        else { throw RPCError.notFound(.region, id: request.regionId, field: "region_id") }
        guard agency.regionId == region.id else {
            throw RPCError.invalidArgument([
                .init(
                    field: "region_id",
                    description:
                        "must be the region of agency_id: \(agency.id) is in \(agency.regionId), not \(region.id)")
            ])
        }
        var opening = ReferralOpening(
            source: request.source ?? V1.ReferralSource(), sourceField: "source", regionId: region.id,
            agencyId: agency.id, keys: ReferralsTable.Keys(region: regionKey, agency: agencyKey),
            reason: request.reason, performedBy: request.performedBy, occurredAt: Instant(request.occurredAt) ?? now,
            documents: request.documentReferences)
        switch request.source?.origin {
        case .caseId(let id):
            opening.sourceField = "source.case_id"
            guard let record = try await intake.caseRecord(id, field: "source.case_id"),
                let key = ResourceKind.case.parse(record.id)
            else { throw RPCError.notFound(.case, id: id, field: "source.case_id") }
            opening.caseId = record.id
            opening.keys.caseKey = key
            if let loss = Self.loss(record) {
                opening.loss = (key, loss.concludedOn)
                opening.recordedLoss = (key, loss.agency, loss.concludedOn)
            }
        case .opinionId(let id):
            opening.sourceField = "source.opinion_id"
            guard let opinion = try await intake.opinion(id, field: "source.opinion_id"),
                let key = ResourceKind.opinion.parse(opinion.id)
            else { throw RPCError.notFound(.opinion, id: id, field: "source.opinion_id") }
            opening.opinionId = opinion.id
            opening.keys.opinionKey = key
        case .alertSequence(let sequence):
            opening.sourceField = "source.alert_sequence"
            opening.keys.alertSequence = sequence
        case .manual, nil:
            break
        }
        return opening
    }

    /// A first-instance litigation case whose effective outcome is a loss, or whose first-instance
    /// outcome is while an appeal is pending (as assessment counts it): its defendant and the day
    /// it concluded.
    static func loss(_ record: Shuangjiang.Intake.V1.Case) -> (agency: Int64, concludedOn: CivilDate)? {
        guard record.kind == .litigation, record.instance == .first, let concludedOn = CivilDate(record.concludedOn),
            let agency = ResourceKind.agency.parse(record.defendantAgencyId)
        else { return nil }
        let lost = record.isLoss || (record.finalOutcome == .unspecified && record.firstInstanceOutcome.isLoss)
        return lost ? (agency, concludedOn) : nil
    }

    public func advanceReferral(_ request: V1.AdvanceReferralRequest, context: ServerContext) async throws
        -> V1.Referral
    {
        let now = clock.now()
        var violations = Violations()
        violations.advanceReferral(request, now: now, today: today(at: now))
        try violations.check()
        guard let expected = ReferralStage(rawValue: request.expectedStep.rawValue), let nextStep = request.nextStep
        else { throw RPCError(code: .internalError, message: "validation passed without a step") }
        let occurredAt = Instant(request.occurredAt) ?? now
        let timeZone = self.timeZone
        let bytes = try await createOnce("AdvanceReferral", request: request, requestId: request.requestId) { tx in
            let (key, body) = try tx.stored(.referral, id: request.referralId, field: "referral_id")
            var referral = try V1.Referral(storedBytes: body)
            var progress = try Self.progress(of: referral)
            let stage = nextStep.stage
            do throws(ReferralTransitionError) {
                try progress.take(stage, expected: expected, at: occurredAt)
            } catch {
                throw self.status(error, referral: referral.id)
            }
            guard let occurredOn = timeZone.date(of: occurredAt) else {
                throw RPCError.invalidArgument([.init(field: "occurred_at", description: "must fall in 1949-2199")])
            }
            var record = V1.ReferralStepRecord()
            record.step = V1.ReferralStep(rawValue: stage.rawValue)
            record.performedBy = request.performedBy
            record.occurredAt = occurredAt.timestamp
            record.recordedAt = now.timestamp
            record.data = nextStep.data
            record.documentReferences = request.documentReferences
            referral.steps.append(record)
            referral.step = record.step
            referral.version += 1
            referral.updatedAt = now.timestamp
            if case .handlingOpinionProposed(let opinion) = nextStep { referral.disposition = opinion.disposition }
            let regionKey = ResourceKind.region.parse(referral.regionId) ?? 0
            var row = ReferralsTable.StepRow(
                referral: key, step: stage.rawValue, occurredOn: occurredOn.key, region: regionKey)
            if stage == .decisionExecuted, let opinion = referral.opinion {
                let holds = Disposition(rawValue: opinion.disposition.rawValue)?.holdsAccountable ?? false
                row.disposition = opinion.disposition.rawValue
                row.heldAccountable = holds
                row.unitHeld = holds && opinion.unitHeldAccountable
                if holds {
                    let agencyKey = ResourceKind.agency.parse(referral.agencyId) ?? 0
                    row.persons = opinion.persons.count
                    for person in opinion.persons {
                        try ReferralsTable.recordPerson(
                            tx, referral: key, agency: agencyKey, personKey: person.personKey, region: regionKey,
                            executedOn: occurredOn.key)
                    }
                }
            }
            try ReferralsTable.recordStep(tx, row)
            let stored = try referral.serializedBytes()
            try ReferralsTable.update(
                tx, key: key, step: stage.rawValue, disposition: referral.disposition.rawValue,
                version: referral.version,
                body: stored)
            return stored
        }.response
        return try V1.Referral(storedBytes: bytes)
    }

    /// The referral's place in its steps, as stored.
    static func progress(of referral: V1.Referral) throws -> ReferralProgress {
        guard let stage = ReferralStage(rawValue: referral.step.rawValue),
            let last = Instant(referral.steps.last?.occurredAt)
        else { throw RPCError(code: .dataLoss, message: "referral \(referral.id) is stored without its steps") }
        return ReferralProgress(stage: stage, lastStepAt: last)
    }

    /// Each way a step can be refused, as the status the API promises.
    func status(_ error: ReferralTransitionError, referral: String) -> RPCError {
        switch error {
        case .notAtExpectedStep(let current, let expected):
            return RPCError(
                code: .aborted,
                message: "expected_step: \(referral) is at \(current), not \(expected); read it again and retry")
        case .complete:
            return .failedPrecondition("\(referral) is complete (DECISION_EXECUTED): no step follows")
        case .outOfOrder(let current, let attempted):
            let next = current.next.map { "\($0)" } ?? "nothing"
            let kind = attempted <= current ? "a repeat" : "a skip"
            return .failedPrecondition(
                "next_step: \(referral) is at \(current), so the next step is \(next); \(attempted) would be \(kind)")
        case .beforePreviousStep(let previous):
            return .invalidArgument([
                .init(
                    field: "occurred_at",
                    description: "must not be before the previous step, which occurred \(label(previous))")
            ])
        }
    }

    public func getReferral(_ request: V1.GetReferralRequest, context: ServerContext) async throws -> V1.Referral {
        try await fetch(V1.Referral.self, .referral, id: request.id)
    }

    public func listReferrals(_ request: V1.ListReferralsRequest, context: ServerContext) async throws
        -> V1.ListReferralsResponse
    {
        var violations = Violations()
        let limit = violations.pageSize(request.pageSize)
        violations.filter(request.regionId, "region_id")
        violations.filter(request.agencyId, "agency_id")
        violations.filter(request.batchId, "batch_id")
        violations.known(request.step, "step")
        violations.known(request.disposition, "disposition")
        let openedIn = request.openedIn.flatMap { violations.period($0, "opened_in") }
        try violations.check()
        let position = try listPosition(request, shape: [.integer(0), .integer(0)])
        var query = KeysetQuery(table: "referrals", order: ["created_at", "id"])
        if !request.regionId.isEmpty {
            query.filter("region_id = ?", ResourceKind.region.parse(request.regionId) ?? -1)
        }
        if !request.agencyId.isEmpty {
            query.filter("agency_id = ?", ResourceKind.agency.parse(request.agencyId) ?? -1)
        }
        if !request.batchId.isEmpty { query.filter("batch_id = ?", ResourceKind.batch.parse(request.batchId) ?? -1) }
        if request.step != .unspecified { query.filter("step = ?", Int64(request.step.rawValue)) }
        if request.disposition != .unspecified { query.filter("disposition = ?", Int64(request.disposition.rawValue)) }
        if let openedIn {
            query.filter("referred_on BETWEEN ? AND ?", Int64(openedIn.lowerBound.key), Int64(openedIn.upperBound.key))
        }
        let page = try await read { [query] tx in
            try query.run(tx, after: position.after, limit: limit, maxBytes: Self.listPageBytes)
        }
        var response = V1.ListReferralsResponse()
        response.referrals = try page.bodies.map { try V1.Referral(storedBytes: $0) }
        response.nextPageToken = position.nextToken(page.next)
        return response
    }
}
