internal import Messages
internal import ServiceKit
internal import SharedDomain

/// Field rules of the requests whose validation needs no more than the request (and the clock).
extension Violations {
    mutating func createRegion(_ request: Shuangjiang.Intake.V1.CreateRegionRequest) {
        requestId(request.requestId)
        text(request.name, "name", 1...64)
        required(request.regionKind, "region_kind")
        if request.divisionCode.count != 6 || !request.divisionCode.allSatisfy({ $0.isASCII && $0.isNumber }) {
            add("division_code", "must be 6 digits (行政区划代码), e.g. 320302")
        }
    }

    mutating func createAgency(_ request: Shuangjiang.Intake.V1.CreateAgencyRequest) {
        requestId(request.requestId)
        text(request.name, "name", 1...128)
        required(request.agencyType, "agency_type")
        required(request.level, "level")
        text(request.regionId, "region_id", 1...64)
        if !request.creditCode.isEmpty
            && (request.creditCode.utf8.count != 18
                || !request.creditCode.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) }))
        {
            add("credit_code", "must be 18 characters of 0-9 and A-Z (统一社会信用代码)")
        }
    }

    /// A few seconds of clock skew between a reporting system and us are tolerated.
    static let clockSkewSeconds: Int64 = 5

    mutating func reportOpinion(_ request: Shuangjiang.Intake.V1.ReportOpinionRequest, now: Instant) {
        let latest = now.adding(seconds: Self.clockSkewSeconds)
        requestId(request.requestId)
        text(request.departmentAgencyId, "department_agency_id", 1...64)
        text(request.regionId, "region_id", 1...64)
        required(request.category, "category")
        text(request.source, "source", 1...128)
        text(request.sourceUrl, "source_url", 1...2048, required: false)
        let detected = pastInstant(request.detectedAt, "detected_at", latest: latest)
        required(request.importance, "importance")
        text(request.relatedCaseId, "related_case_id", 1...64, required: false)
        text(request.summary, "summary", 1...2000)
        if request.mediaAttentionAt != nil,
            let media = pastInstant(request.mediaAttentionAt, "media_attention_at", latest: latest),
            let detected, media < detected
        {
            add("media_attention_at", "must not be before detected_at")
        }
        reportedMilestones(
            request.milestones, detected: detected, mediaAttentionGiven: request.mediaAttentionAt != nil,
            latest: latest)
    }

    mutating func recordMilestone(_ request: Shuangjiang.Intake.V1.RecordOpinionMilestoneRequest, now: Instant) {
        text(request.opinionId, "opinion_id", 1...64)
        if request.expectedVersion < 1 { add("expected_version", "required: the version last read (1 or more)") }
        requestId(request.requestId)
        required(request.kind, "kind")
        pastInstant(request.occurredAt, "occurred_at", latest: now.adding(seconds: Self.clockSkewSeconds))
        text(request.note, "note", 1...2000, required: false)
    }

    /// An optional id or docket filter of a List request, bounded for the same reason.
    mutating func filter(_ value: String, _ field: String) {
        text(value, field, 1...64, required: false)
    }
}
