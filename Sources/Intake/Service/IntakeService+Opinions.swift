public import GRPC
internal import GRPCCore
public import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

extension IntakeService {
    public func reportOpinion(_ request: V1.ReportOpinionRequest, context: ServerContext) async throws -> V1.Opinion {
        let now = clock.now()
        var violations = Violations()
        violations.reportOpinion(request, now: now)
        try violations.check()
        let bytes = try await createOnce("ReportOpinion", request: request, requestId: request.requestId) { tx in
            let agencyKey = try tx.existingKey(.agency, id: request.departmentAgencyId, field: "department_agency_id")
            let regionKey = try tx.existingKey(.region, id: request.regionId, field: "region_id")
            var relatedKey = DatabaseValue.null
            if !request.relatedCaseId.isEmpty {
                relatedKey = .integer(try tx.existingKey(.case, id: request.relatedCaseId, field: "related_case_id"))
            }
            let key = try tx.nextKey(.opinion)
            var opinion = V1.Opinion()
            opinion.id = ResourceKind.opinion.format(key)
            opinion.version = 1
            opinion.departmentAgencyId = request.departmentAgencyId
            opinion.regionId = request.regionId
            opinion.category = request.category
            opinion.source = request.source
            opinion.sourceUrl = request.sourceUrl
            opinion.detectedAt = request.detectedAt
            opinion.importance = request.importance
            opinion.relatedCaseId = request.relatedCaseId
            opinion.summary = request.summary
            opinion.mediaAttentionAt = request.mediaAttentionAt
            opinion.state = .active
            opinion.createdAt = now.timestamp
            opinion.updatedAt = now.timestamp
            try opinion.record(reported: request.milestones, now: now)
            opinion.refreshDeadlines(now: now)
            let timeline = opinion.timeline
            try tx.execute(
                """
                INSERT INTO opinions (id, region_id, department_agency_id, related_case_id, category, state,
                    detected_at, late_milestone, open_due_at, version, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)
                """, key, regionKey, agencyKey, relatedKey, request.category.rawValue, opinion.state.rawValue,
                timeline.detectedAt.milliseconds, timeline.hasLateMilestone,
                timeline.earliestOpenDue.map { DatabaseValue.integer($0.milliseconds) } ?? .null,
                try opinion.serializedBytes())
            for milestone in opinion.milestones {
                try tx.execute(
                    "INSERT INTO opinion_milestones (opinion_id, kind, occurred_at, body) VALUES (?, ?, ?, ?)", key,
                    milestone.kind.rawValue, (Instant(milestone.occurredAt) ?? now).milliseconds,
                    try milestone.serializedBytes())
            }
            try Self.publish(tx, .opinionReported(opinion), kind: "opinion_reported")
            return try opinion.serializedBytes()
        }.response
        return try V1.Opinion(storedBytes: bytes)
    }

    public func recordOpinionMilestone(_ request: V1.RecordOpinionMilestoneRequest, context: ServerContext)
        async throws -> V1.Opinion
    {
        let now = clock.now()
        var violations = Violations()
        violations.recordMilestone(request, now: now)
        try violations.check()
        let occurredAt = Instant(request.occurredAt) ?? now
        let bytes = try await createOnce("RecordOpinionMilestone", request: request, requestId: request.requestId) {
            tx in
            let (key, body) = try tx.stored(.opinion, id: request.opinionId, field: "opinion_id")
            var opinion = try V1.Opinion(storedBytes: body)
            guard opinion.version == request.expectedVersion else {
                throw RPCError.versionConflict(expected: request.expectedVersion, actual: opinion.version)
            }
            var timeline = opinion.timeline
            try timeline.record(request.kind, at: occurredAt)
            var milestone = V1.OpinionMilestone()
            milestone.kind = request.kind
            milestone.occurredAt = request.occurredAt
            milestone.note = request.note
            milestone.recordedAt = now.timestamp
            opinion.milestones.append(milestone)
            opinion.version += 1
            opinion.updatedAt = now.timestamp
            if request.kind == .mediaAttention { opinion.mediaAttentionAt = request.occurredAt }
            if request.kind == .closed { opinion.state = .closed }
            opinion.refreshDeadlines(now: now)
            let stored = try opinion.serializedBytes()
            try tx.execute(
                "INSERT INTO opinion_milestones (opinion_id, kind, occurred_at, body) VALUES (?, ?, ?, ?)", key,
                request.kind.rawValue, occurredAt.milliseconds, try milestone.serializedBytes())
            try tx.execute(
                """
                UPDATE opinions SET state = ?, late_milestone = ?, open_due_at = ?, version = ?, body = ?
                WHERE id = ?
                """, opinion.state.rawValue, timeline.hasLateMilestone,
                timeline.earliestOpenDue.map { DatabaseValue.integer($0.milliseconds) } ?? .null,
                opinion.version, stored, key)
            var change = V1.OpinionMilestoneRecorded()
            change.milestone = milestone
            change.opinionSnapshot = opinion
            try Self.publish(tx, .milestoneRecorded(change), kind: "milestone_recorded")
            return stored
        }.response
        return try V1.Opinion(storedBytes: bytes)
    }

    public func getOpinion(_ request: V1.GetOpinionRequest, context: ServerContext) async throws -> V1.Opinion {
        var violations = Violations()
        violations.resourceId(request.id)
        try violations.check()
        var opinion = try await fetch(V1.Opinion.self, .opinion, id: request.id)
        opinion.refreshDeadlines(now: clock.now())
        return opinion
    }

    public func listOpinions(_ request: V1.ListOpinionsRequest, context: ServerContext) async throws
        -> V1.ListOpinionsResponse
    {
        let now = clock.now()
        var violations = Violations()
        let limit = violations.pageSize(request.pageSize)
        violations.known(request.category, "category")
        violations.known(request.state, "state")
        let detectedIn = request.detectedIn.flatMap { violations.period($0, "detected_in") }
        violations.filter(request.regionId, "region_id")
        violations.filter(request.departmentAgencyId, "department_agency_id")
        try violations.check()
        let position = try listPosition(request, shape: [.integer(0), .integer(0)])
        var query = KeysetQuery(table: "opinions", order: ["detected_at", "id"])
        if !request.regionId.isEmpty {
            query.filter("region_id = ?", ResourceKind.region.parse(request.regionId) ?? -1)
        }
        if !request.departmentAgencyId.isEmpty {
            query.filter("department_agency_id = ?", ResourceKind.agency.parse(request.departmentAgencyId) ?? -1)
        }
        if request.category != .unspecified { query.filter("category = ?", request.category.rawValue) }
        if request.state != .unspecified { query.filter("state = ?", request.state.rawValue) }
        if let detectedIn {
            let start = timeZone.start(of: detectedIn.lowerBound)
            let end = timeZone.end(of: detectedIn.upperBound)
            query.filter("detected_at >= ? AND detected_at < ?", start.milliseconds, end.milliseconds)
        }
        if request.missedDeadlineOnly {
            query.filter("(late_milestone = 1 OR open_due_at < ?)", now.milliseconds)
        }
        let page = try await read { [query] tx in
            try query.run(tx, after: position.after, limit: limit, maxBytes: Self.listPageBytes)
        }
        var response = V1.ListOpinionsResponse()
        response.opinions = try page.bodies.map { bytes in
            var opinion = try V1.Opinion(storedBytes: bytes)
            opinion.refreshDeadlines(now: now)
            return opinion
        }
        response.nextPageToken = position.nextToken(page.next)
        return response
    }
}
