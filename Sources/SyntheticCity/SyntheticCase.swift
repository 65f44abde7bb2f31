public import Messages
public import SharedDomain

/// A generated case record: its FileCaseRequest short of the ids intake assigns, its events up
/// to the city's last day, and what intake should derive from them (ground truth a test or an
/// evaluation compares against).
public struct SyntheticCase: Sendable, Hashable {
    public typealias V1 = Shuangjiang.Intake.V1

    /// Its position in `SyntheticCity.cases`, which is filing order.
    public let index: Int
    public let regionIndex: Int
    public let agencyIndex: Int
    /// For a second-instance or retrial record: the first-instance record it continues, always
    /// at a lower index.
    public let relatedCaseIndex: Int?
    /// The request with `defendant_agency_id`, `region_id` and `related_first_instance_case_id`
    /// empty; see `filing(resolve:)`.
    public let template: V1.FileCaseRequest
    /// When the filing is recorded in the timeline.
    public let filedAt: Instant
    /// Its events in order, none after the city's last day.
    public let events: [SyntheticCaseEvent]
    /// The loss model's inputs; nil except for first-instance litigation.
    public let factors: CaseFactors?

    /// What intake derives once `events` are recorded: the state, this record's own outcome and
    /// the day it was given, and the effective (生效) outcome, linked higher-instance records
    /// included.
    public let state: V1.CaseState
    public let ownOutcome: V1.CaseOutcome
    public let ownConcludedOn: CivilDate?
    public let finalOutcome: V1.CaseOutcome
    /// How this record's own instance ends in the generated plan, even if after the last day
    /// (then `ownOutcome` is still UNSPECIFIED): a label for open cases.
    public let eventualOwnOutcome: V1.CaseOutcome

    public init(
        index: Int, regionIndex: Int, agencyIndex: Int, relatedCaseIndex: Int?, template: V1.FileCaseRequest,
        filedAt: Instant, events: [SyntheticCaseEvent], factors: CaseFactors?, state: V1.CaseState,
        ownOutcome: V1.CaseOutcome, ownConcludedOn: CivilDate?, finalOutcome: V1.CaseOutcome,
        eventualOwnOutcome: V1.CaseOutcome
    ) {
        self.index = index
        self.regionIndex = regionIndex
        self.agencyIndex = agencyIndex
        self.relatedCaseIndex = relatedCaseIndex
        self.template = template
        self.filedAt = filedAt
        self.events = events
        self.factors = factors
        self.state = state
        self.ownOutcome = ownOutcome
        self.ownConcludedOn = ownConcludedOn
        self.finalOutcome = finalOutcome
        self.eventualOwnOutcome = eventualOwnOutcome
    }

    public var kind: V1.CaseKind { template.kind }
    public var instance: V1.Instance { template.instance }
    public var category: V1.CaseCategory { template.category }
    public var filedOn: CivilDate { filedAt.cityDate }

    /// Whether `finalOutcome` counts as a loss (败诉), by the shared domain's rule.
    public var isLoss: Bool { Outcome(rawValue: finalOutcome.rawValue)?.isLoss ?? false }

    /// First-instance litigation: the records the default loss rate counts.
    public var isFirstInstanceLitigation: Bool { kind == .litigation && instance == .first }

    /// The request with the ids `resolve` gives for the agency, the region and the related record.
    public func filing(resolve: (SyntheticReference) -> String) -> V1.FileCaseRequest {
        var request = template
        request.defendantAgencyId = resolve(.agency(agencyIndex))
        request.regionId = resolve(.region(regionIndex))
        if let relatedCaseIndex { request.relatedFirstInstanceCaseId = resolve(.caseRecord(relatedCaseIndex)) }
        return request
    }

    /// The case as one ImportCases row: the filing and every event. A row for a record with a
    /// related case must be sent after that case's row has been accepted, in an earlier stream,
    /// so its id is known.
    public func importRow(rowNumber: Int64, resolve: (SyntheticReference) -> String) -> V1.ImportCasesRequest {
        var row = V1.ImportCasesRequest()
        row.rowNumber = rowNumber
        row.filing = filing(resolve: resolve)
        row.events = events.map(\.recorded)
        return row
    }
}
