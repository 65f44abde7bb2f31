public import GRPC
internal import GRPCCore
public import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

extension IntakeService {
    public func fileCase(_ request: V1.FileCaseRequest, context: ServerContext) async throws -> V1.Case {
        let now = clock.now()
        var violations = Violations()
        let filing = ValidatedFiling.validate(request, today: today(at: now), into: &violations)
        try violations.check()
        guard let filing else { throw RPCError(code: .internalError, message: "validation produced no filing") }
        let fingerprint = try request.requestFingerprint()
        return try await writeCase(
            scope: "FileCase", requestId: request.requestId, fingerprint: fingerprint, context: context
        ) { tx in
            try Self.fileCase(tx, filing, now: now)
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
        let fingerprint = try request.requestFingerprint()
        return try await writeCase(
            scope: "RecordCaseEvent", requestId: request.requestId, fingerprint: fingerprint, context: context
        ) { tx in
            let (key, body) = try tx.stored(.case, id: request.caseId, field: "case_id")
            let current = try V1.Case(storedBytes: body)
            guard current.version == request.expectedVersion else {
                throw RPCError.versionConflict(expected: request.expectedVersion, actual: current.version)
            }
            return try Self.recordEvent(tx, key: key, case: current, event: event, now: now)
        }
    }

    /// Runs an idempotent write that stores a case. Returns the record itself when it ran now,
    /// or decodes the stored bytes of a replay: handing the record over saves decoding on the
    /// event loop what the writer has just encoded. Either way the stored bytes are the
    /// response's encoding, so the server sends them instead of encoding the record again.
    private func writeCase(
        scope: String, requestId: String, fingerprint: [UInt8], context: ServerContext,
        _ produce: @escaping @Sendable (WriteTransaction) throws -> StoredCase
    ) async throws -> V1.Case {
        let (record, bytes) = try await write { tx in
            var produced: V1.Case?
            let result = try tx.idempotent(scope: scope, requestId: requestId, requestFingerprint: fingerprint) {
                let stored = try produce(tx)
                produced = stored.record
                return stored.body
            }
            return (result.isReplay ? nil : produced, result.response)
        }
        let response = try record ?? V1.Case(storedBytes: bytes)
        context.encodedResponse = bytes
        return response
    }

    public func getCase(_ request: V1.GetCaseRequest, context: ServerContext) async throws -> V1.Case {
        try await fetch(V1.Case.self, .case, id: request.id)
    }

    public func listCases(_ request: V1.ListCasesRequest, context: ServerContext) async throws -> V1.ListCasesResponse {
        var violations = Violations()
        let limit = violations.pageSize(request.pageSize)
        violations.known(request.kind, "kind")
        violations.known(request.instance, "instance")
        violations.known(request.state, "state")
        let filedIn = request.filedIn.flatMap { violations.period($0, "filed_in") }
        let concludedIn = request.concludedIn.flatMap { violations.period($0, "concluded_in") }
        violations.filter(request.regionId, "region_id")
        violations.filter(request.defendantAgencyId, "defendant_agency_id")
        violations.filter(request.docketNumber, "docket_number")
        try violations.check()
        let position = try listPosition(request, shape: [.integer(0), .integer(0)])
        var query = KeysetQuery(table: "cases", order: ["filed_on", "id"])
        if !request.regionId.isEmpty {
            query.filter("region_id = ?", ResourceKind.region.parse(request.regionId) ?? -1)
        }
        if !request.defendantAgencyId.isEmpty {
            query.filter("defendant_agency_id = ?", ResourceKind.agency.parse(request.defendantAgencyId) ?? -1)
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
        let page = try await read { [query] tx in
            try query.run(tx, after: position.after, limit: limit, maxBytes: Self.listPageBytes)
        }
        var response = V1.ListCasesResponse()
        response.cases = try page.bodies.map { try V1.Case(storedBytes: $0) }
        response.nextPageToken = position.nextToken(page.next)
        return response
    }
}
