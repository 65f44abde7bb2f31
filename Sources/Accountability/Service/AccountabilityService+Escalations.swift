public import GRPC
internal import GRPCCore
public import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

extension AccountabilityService {
    public func getEscalation(_ request: V1.GetEscalationRequest, context: ServerContext) async throws -> V1.Escalation
    {
        try await fetch(V1.Escalation.self, .escalation, id: request.id)
    }

    public func listEscalations(_ request: V1.ListEscalationsRequest, context: ServerContext) async throws
        -> V1.ListEscalationsResponse
    {
        var violations = Violations()
        let limit = violations.pageSize(request.pageSize)
        violations.filter(request.regionId, "region_id")
        violations.known(request.kind, "kind")
        violations.known(request.status, "status")
        let within = request.within.flatMap { violations.period($0, "within") }
        try violations.check()
        let position = try listPosition(request, shape: [.integer(0), .integer(0), .integer(0)])
        var query = KeysetQuery(table: "escalations", order: ["quarter", "region_id", "id"])
        if !request.regionId.isEmpty {
            query.filter("region_id = ?", ResourceKind.region.parse(request.regionId) ?? -1)
        }
        if request.kind != .unspecified { query.filter("kind = ?", Int64(request.kind.rawValue)) }
        if request.status != .unspecified { query.filter("status = ?", Int64(request.status.rawValue)) }
        if let within {
            query.filter(
                "quarter_first >= ? AND quarter_last <= ?", Int64(within.lowerBound.key), Int64(within.upperBound.key))
        }
        let page = try await read { [query] tx in
            try query.run(tx, after: position.after, limit: limit, maxBytes: Self.listPageBytes)
        }
        var response = V1.ListEscalationsResponse()
        response.escalations = try page.bodies.map { try V1.Escalation(storedBytes: $0) }
        response.nextPageToken = position.nextToken(page.next)
        return response
    }

    public func recordEscalationOutcome(_ request: V1.RecordEscalationOutcomeRequest, context: ServerContext)
        async throws -> V1.Escalation
    {
        let now = clock.now()
        var violations = Violations()
        violations.recordOutcome(request, today: today(at: now))
        try violations.check()
        guard let outcome = EscalationStatus(rawValue: request.status.rawValue) else {
            throw RPCError(code: .internalError, message: "validation passed without a status")
        }
        let heldOn = CivilDate(request.heldOn)
        let bytes = try await createOnce("RecordEscalationOutcome", request: request, requestId: request.requestId) {
            tx in
            let (key, body) = try tx.stored(.escalation, id: request.escalationId, field: "escalation_id")
            var escalation = try V1.Escalation(storedBytes: body)
            guard escalation.version == request.expectedVersion else {
                throw RPCError.versionConflict(expected: request.expectedVersion, actual: escalation.version)
            }
            guard let current = EscalationStatus(rawValue: escalation.status.rawValue),
                let next = current.recording(outcome)
            else {
                throw RPCError.failedPrecondition(
                    "\(escalation.id) is \(escalation.status), not PENDING: its outcome is recorded already")
            }
            if let heldOn, let quarterEnd = CivilDate(escalation.quarter?.lastDay), heldOn <= quarterEnd {
                throw RPCError.invalidArgument([
                    .init(field: "held_on", description: "must be after the escalation's quarter ended (\(quarterEnd))")
                ])
            }
            var record = V1.EscalationOutcome()
            record.heldOn = request.heldOn
            record.conductedBy = request.conductedBy
            record.summary = request.summary
            record.recordedBy = request.recordedBy
            record.recordedAt = now.timestamp
            escalation.outcome = record
            escalation.status = V1.EscalationStatus(rawValue: next.rawValue)
            escalation.version += 1
            escalation.updatedAt = now.timestamp
            let stored = try escalation.serializedBytes()
            try tx.execute(
                "UPDATE escalations SET status = ?, held_on = ?, version = ?, body = ? WHERE id = ?",
                Int64(next.rawValue),
                heldOn.map { DatabaseValue.integer(Int64($0.key)) } ?? .null, escalation.version, stored, key)
            return stored
        }.response
        return try V1.Escalation(storedBytes: bytes)
    }
}
