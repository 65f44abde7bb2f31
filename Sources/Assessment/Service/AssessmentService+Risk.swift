public import GRPC
internal import GRPCCore
public import Messages
public import ServiceKit
internal import SharedDomain
internal import Storage

extension Shuangjiang.Assessment.V1.ListHighRiskCasesRequest: PagedListRequest {}

extension AssessmentService {
    /// Scores one open first-instance litigation case as of today (the service's clock, in the
    /// city's zone), from what assessment has applied of intake's feed.
    public func assessCase(_ request: V1.AssessCaseRequest, context: ServerContext) async throws -> V1.CaseAssessment {
        var violations = Violations()
        let key = ResourceKind.case.parse(request.caseId)
        if request.caseId.isEmpty {
            violations.add("case_id", "required")
        } else if key == nil {
            violations.add("case_id", "not a case id (case-N)")
        }
        try violations.check()
        guard let key, let today = timeZone.date(of: clock.now()) else {
            throw RPCError(code: .internalError, message: "validation")
        }
        let now = clock.now()
        let rules = rules.risk
        let caseId = request.caseId
        return try await read { tx in
            guard try tx.fetchOne("SELECT 1 FROM cases WHERE id = ?", key) != nil else {
                throw RPCError.notFound(.case, id: caseId, field: "case_id")
            }
            guard let stored = try CaseRiskTable.load(tx, key: key) else {
                throw RPCError.failedPrecondition(
                    "\(caseId) is not a first-instance litigation case: only those are scored (the loss rate counts them)"
                )
            }
            if let concluded = stored.facts.concludedOn {
                throw RPCError.failedPrecondition("\(caseId) concluded on \(concluded): only open cases are assessed")
            }
            let day = max(today, stored.facts.filedOn)
            let history = try CaseRiskHistory.load(tx, asOf: day, rules: rules, agency: stored.facts.agencyKey)
            let risk = CaseRiskScorer(rules: rules).assess(stored.facts, history: history, on: day)
            return risk.message(
                stored.facts, rules: rules, version: stored.version, assessedAt: now,
                intakeSequence: try Self.intakeSequence(tx))
        }
    }

    /// The month's screening (每月高风险案件排查): the open RED and YELLOW cases. The current month
    /// is screened live, as of today; a past month as of its last day, from stored state: the
    /// cases open at the end of that day, each scored on the facts dated by then and the history
    /// before that month (so a conclusion recorded late with an earlier date revises it).
    public func listHighRiskCases(_ request: V1.ListHighRiskCasesRequest, context: ServerContext) async throws
        -> V1.ListHighRiskCasesResponse
    {
        var violations = Violations()
        let limit = violations.pageSize(request.pageSize)
        var month: CalendarPeriod?
        if let period = request.month {
            let resolved = violations.calendarPeriod(period, "month")
            if resolved != nil, period.kind != .month {
                violations.add("month.kind", "must be MONTH")
            } else {
                month = resolved
            }
        } else {
            violations.add("month", "required: a MONTH period")
        }
        violations.known(request.level, "level")
        if request.level == .green {
            violations.add("level", "must be RED or YELLOW: the screening lists no GREEN case")
        }
        let level: CaseRisk.Level? = request.level == .red ? .red : request.level == .yellow ? .yellow : nil
        let region = request.regionId.isEmpty ? nil : ResourceKind.region.parse(request.regionId)
        if !request.regionId.isEmpty, region == nil { violations.add("region_id", "not a region id (region-N)") }
        let agency = request.defendantAgencyId.isEmpty ? nil : ResourceKind.agency.parse(request.defendantAgencyId)
        if !request.defendantAgencyId.isEmpty, agency == nil {
            violations.add("defendant_agency_id", "not an agency id (agency-N)")
        }
        let now = clock.now()
        let today = timeZone.date(of: now)
        if let month, let today, month.days.lowerBound > today {
            violations.add("month", "must not be in the future (today is \(today))")
        }
        try violations.check()
        guard let month, let today else { throw RPCError(code: .internalError, message: "validation") }
        let position = try listPosition(request, shape: [.integer(0), .text(""), .integer(0)])
        let live = month.contains(today)
        let day = live ? today : month.days.upperBound
        let rules = rules
        let (screened, sequence) = try await read { tx in
            if let region, try tx.fetchOne("SELECT 1 FROM regions WHERE id = ?", region) == nil {
                throw RPCError.notFound(.region, id: request.regionId, field: "region_id")
            }
            if let agency, try tx.fetchOne("SELECT 1 FROM agencies WHERE id = ?", agency) == nil {
                throw RPCError.notFound(.agency, id: request.defendantAgencyId, field: "defendant_agency_id")
            }
            let (inputs, stored) = try RiskOutlook.Inputs.load(tx, on: day, rules: rules.risk, atEnd: true)
            let outlook = RiskOutlook(
                inputs, risk: rules.risk, forecast: rules.forecast, threshold: rules.escalation.threshold,
                projecting: false)
            let listed = zip(stored, outlook.assessments).filter { row, assessed in
                assessed.risk.level != .green && (region == nil || row.facts.regionKey == region)
                    && (agency == nil || row.facts.agencyKey == agency)
                    && (level == nil || assessed.risk.level == level)
            }.map { (stored: $0.0, risk: $0.1.risk) }
            return (listed, try Self.intakeSequence(tx))
        }
        let ordered = screened.sorted { a, b in
            if a.risk.scoreTenths != b.risk.scoreTenths { return a.risk.scoreTenths > b.risk.scoreTenths }
            if a.stored.facts.docketNumber != b.stored.facts.docketNumber {
                return a.stored.facts.docketNumber < b.stored.facts.docketNumber
            }
            return a.stored.facts.caseKey < b.stored.facts.caseKey
        }
        // Keyset on (score, docket, case) rather than an offset, so a page boundary holds while
        // the live screening changes between calls.
        var remaining = ordered[...]
        if let after = position.after, case .integer(let score) = after[0], case .text(let docket) = after[1],
            case .integer(let caseKey) = after[2]
        {
            remaining = ordered.drop { item in
                let facts = item.stored.facts
                if item.risk.scoreTenths != score { return item.risk.scoreTenths > score }
                if facts.docketNumber != docket { return facts.docketNumber < docket }
                return facts.caseKey <= caseKey
            }
        }
        let page = remaining.prefix(limit)
        let assessedAt = live ? now : timeZone.end(of: day)
        var response = V1.ListHighRiskCasesResponse()
        response.cases = page.map {
            $0.risk.message(
                $0.stored.facts, rules: rules.risk, version: $0.stored.version, assessedAt: assessedAt,
                intakeSequence: sequence)
        }
        let last = page.last.map {
            [
                PageToken.Key.integer($0.risk.scoreTenths), .text($0.stored.facts.docketNumber),
                .integer($0.stored.facts.caseKey),
            ]
        }
        response.nextPageToken = position.nextToken(remaining.count > page.count ? last : nil)
        response.month = Shuangjiang.Common.V1.Period(month)
        response.redCount = Int64(ordered.count { $0.risk.level == CaseRisk.Level.red })
        response.yellowCount = Int64(ordered.count { $0.risk.level == CaseRisk.Level.yellow })
        response.screenedAt = assessedAt.timestamp
        return response
    }
}
