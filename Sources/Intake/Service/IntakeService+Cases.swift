public import GRPC
internal import GRPCCore
public import Messages
internal import Storage

extension IntakeService {
    public func fileCase(_ request: V1.FileCaseRequest, context: ServerContext) async throws -> V1.Case {
        let now = clock.now()
        var violations = Violations()
        let filing = ValidatedFiling.validate(request, today: today(at: now), into: &violations)
        try violations.check()
        guard let filing else { throw RPCError(code: .internalError, message: "validation produced no filing") }
        let fingerprint = try Self.fingerprint(request)
        return try await writeCase { tx in
            var filed: V1.Case?
            let result = try tx.idempotent(
                scope: "FileCase", requestId: request.requestId, requestFingerprint: fingerprint
            ) {
                let stored = try Self.fileCase(tx, filing, now: now)
                filed = stored.record
                return stored.body
            }
            return (result.isReplay ? nil : filed, result.response)
        }
    }

    public func recordCaseEvent(_ request: V1.RecordCaseEventRequest, context: ServerContext) async throws -> V1.Case {
        let now = clock.now()
        var violations = Violations()
        violations.text(request.caseId, "case_id", 1...64)
        if request.expectedVersion < 1 {
            violations.add("expected_version", "required: the version last read (1 or more)")
        }
        violations.requestId(request.requestId)
        let event = request.event.map(V1.CaseEvent.Event.init)
        CaseEventValidation.validate(event, path: "", today: today(at: now), into: &violations)
        try violations.check()
        guard let event else { throw RPCError(code: .internalError, message: "validation passed without an event") }
        let fingerprint = try Self.fingerprint(request)
        return try await writeCase { tx in
            var updated: V1.Case?
            let result = try tx.idempotent(
                scope: "RecordCaseEvent", requestId: request.requestId, requestFingerprint: fingerprint
            ) {
                let (key, body) = try Self.body(tx, .case, table: "cases", id: request.caseId, field: "case_id")
                let current = try Self.decode(V1.Case.self, body)
                guard current.version == request.expectedVersion else {
                    throw IntakeError.versionConflict(expected: request.expectedVersion, actual: current.version)
                }
                let stored = try Self.recordEvent(tx, key: key, case: current, event: event, now: now)
                updated = stored.record
                return stored.body
            }
            return (result.isReplay ? nil : updated, result.response)
        }
    }

    /// Runs a write that produces a case: the record itself when it ran now, or only the stored
    /// bytes of a replay, which are decoded here. Handing the record over saves decoding on the
    /// event loop what the writer has just encoded.
    private func writeCase(
        _ body: @escaping @Sendable (WriteTransaction) throws -> (record: V1.Case?, bytes: [UInt8])
    ) async throws -> V1.Case {
        let (record, bytes) = try await write(body)
        return try record ?? Self.decode(V1.Case.self, bytes)
    }

    public func getCase(_ request: V1.GetCaseRequest, context: ServerContext) async throws -> V1.Case {
        let bytes = try await read { tx in try Self.body(tx, .case, table: "cases", id: request.id, field: "id").body }
        return try Self.decode(V1.Case.self, bytes)
    }

    public func listCases(_ request: V1.ListCasesRequest, context: ServerContext) async throws -> V1.ListCasesResponse {
        var violations = Violations()
        let limit = violations.pageSize(request.pageSize)
        violations.known(request.kind, "kind")
        violations.known(request.instance, "instance")
        violations.known(request.state, "state")
        let filedIn = request.filedIn.flatMap { violations.period($0, "filed_in") }
        let concludedIn = request.concludedIn.flatMap { violations.period($0, "concluded_in") }
        try violations.check()
        let position = try ListPosition(request, shape: [.integer(0), .integer(0)])
        var query = KeysetQuery(table: "cases", order: ["filed_on", "id"])
        if !request.regionId.isEmpty { query.filter("region_id = ?", ResourceID.region.parse(request.regionId) ?? -1) }
        if !request.defendantAgencyId.isEmpty {
            query.filter("defendant_agency_id = ?", ResourceID.agency.parse(request.defendantAgencyId) ?? -1)
        }
        if request.kind != .unspecified { query.filter("kind = ?", request.kind.rawValue) }
        if request.instance != .unspecified { query.filter("instance = ?", request.instance.rawValue) }
        if request.state != .unspecified { query.filter("state = ?", request.state.rawValue) }
        if let filedIn { query.filter("filed_on BETWEEN ? AND ?", filedIn.lowerBound.key, filedIn.upperBound.key) }
        if let concludedIn {
            query.filter("concluded_on BETWEEN ? AND ?", concludedIn.lowerBound.key, concludedIn.upperBound.key)
        }
        if !request.docketNumber.isEmpty {
            query.filter(
                "docket_number = ?", DocketNumber(request.docketNumber)?.canonical ?? request.docketNumber)
        }
        let page = try await read { [query] tx in try query.run(tx, after: position.after, limit: limit) }
        var response = V1.ListCasesResponse()
        response.cases = try page.bodies.map { try Self.decode(V1.Case.self, $0) }
        response.nextPageToken = position.nextToken(page.next)
        return response
    }
}
