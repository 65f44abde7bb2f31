public import Messages
public import SharedDomain

/// A generated opinion incident (舆情): its ReportOpinionRequest short of ids, and its milestones.
public struct SyntheticOpinion: Sendable, Hashable {
    public typealias V1 = Shuangjiang.Intake.V1

    public let index: Int
    /// The responsible department (涉事部门).
    public let agencyIndex: Int
    public let regionIndex: Int
    /// The case it is about, if any.
    public let relatedCaseIndex: Int?
    /// The request with `department_agency_id`, `region_id` and `related_case_id` empty.
    public let template: V1.ReportOpinionRequest
    /// When the report is sent: minutes after detection, or hours later for an incident reported
    /// late with the milestones it already had.
    public let reportedAt: Instant
    public let milestones: [SyntheticMilestone]
    /// Whether some deadline is missed as of the city's `now`: met late, or due and unmet
    /// (ground truth for ListOpinions' missed_deadline_only).
    public let hasMissedDeadline: Bool

    public init(
        index: Int, agencyIndex: Int, regionIndex: Int, relatedCaseIndex: Int?, template: V1.ReportOpinionRequest,
        reportedAt: Instant, milestones: [SyntheticMilestone], hasMissedDeadline: Bool
    ) {
        self.index = index
        self.agencyIndex = agencyIndex
        self.regionIndex = regionIndex
        self.relatedCaseIndex = relatedCaseIndex
        self.template = template
        self.reportedAt = reportedAt
        self.milestones = milestones
        self.hasMissedDeadline = hasMissedDeadline
    }

    public func report(resolve: (SyntheticReference) -> String) -> V1.ReportOpinionRequest {
        var request = template
        request.departmentAgencyId = resolve(.agency(agencyIndex))
        request.regionId = resolve(.region(regionIndex))
        if let relatedCaseIndex { request.relatedCaseId = resolve(.caseRecord(relatedCaseIndex)) }
        return request
    }
}
