public import GRPC
internal import GRPCCore
public import Messages
internal import ServiceKit
public import SharedDomain
internal import Storage

extension AssessmentService {
    /// Judges the opinion deadlines passed as of the clock, for the timer while assessment is
    /// caught up with intake (feed time is then the wall clock), and re-arms the watch.
    public func judgeOpinionDeadlines() async throws {
        let now = clock.now()
        let judge = OpinionDeadlineJudge(timeZone: timeZone)
        let watch = opinionDeadlines
        try await write { tx in
            try judge.judge(tx, now: now)
            try watch.rearm(tx)
        }
    }

    /// The judging timer's sleep: `limit`, or less when a pending opinion deadline falls due
    /// sooner (see OpinionDeadlineWatch).
    public func sleepUntilNextDue(atMost limit: Duration) async throws {
        try await opinionDeadlines.sleep(atMost: limit, now: clock.now())
    }

    /// What the deadline timer is armed for: the earliest pending due time (nil before the first
    /// judging after a start, or when nothing is pending).
    public var opinionDeadlineArmedFor: Instant? { opinionDeadlines.armedFor }

    public func getOpinionCompliance(_ request: V1.GetOpinionComplianceRequest, context: ServerContext) async throws
        -> V1.GetOpinionComplianceResponse
    {
        var violations = Violations()
        let period = request.period.flatMap { violations.calendarPeriod($0, "period") }
        if request.period == nil { violations.add("period", "required") }
        var region: Int64?
        if !request.regionId.isEmpty {
            region = ResourceKind.region.parse(request.regionId)
            if region == nil { violations.add("region_id", "not a region id (region-N)") }
        }
        var department: Int64?
        if !request.departmentAgencyId.isEmpty {
            department = ResourceKind.agency.parse(request.departmentAgencyId)
            if department == nil { violations.add("department_agency_id", "not an agency id (agency-N)") }
        }
        try violations.check()
        guard let period else { throw RPCError(code: .internalError, message: "validation") }
        let (rows, names, sequence) = try await read { [region, department] tx in
            var conditions = ["due_day >= ?", "due_day <= ?"]
            var arguments: [any DatabaseValueConvertible] = [
                Int64(period.days.lowerBound.key), Int64(period.days.upperBound.key),
            ]
            if let region {
                guard let kind = try tx.fetchValue(Int64.self, "SELECT kind FROM regions WHERE id = ?", region) else {
                    throw RPCError.notFound(.region, id: request.regionId, field: "region_id")
                }
                // Every incident lies in the city; a county or district filters to its own.
                if kind != Int64(Shuangjiang.Intake.V1.RegionKind.city.rawValue) {
                    conditions.append("region_id = ?")
                    arguments.append(region)
                }
            }
            if let department {
                if try tx.fetchOne("SELECT 1 FROM agencies WHERE id = ?", department) == nil {
                    throw RPCError.notFound(.agency, id: request.departmentAgencyId, field: "department_agency_id")
                }
                conditions.append("department_agency_id = ?")
                arguments.append(department)
            }
            let rows = try tx.fetchAll(
                """
                SELECT department_agency_id, kind, status, count(*) FROM opinion_deadlines
                WHERE \(conditions.joined(separator: " AND ")) GROUP BY department_agency_id, kind, status
                """, arguments: arguments
            ).map { row in
                (
                    department: try row.get(0, as: Int64.self), kind: try row.get(1, as: Int64.self),
                    status: try row.get(2, as: Int64.self), count: try row.get(3, as: Int64.self)
                )
            }
            var names: [Int64: String] = [:]
            for key in Set(rows.map(\.department)) {
                names[key] = try tx.fetchValue(String.self, "SELECT name FROM agencies WHERE id = ?", key)
            }
            return (rows, names, try Self.intakeSequence(tx))
        }
        var departments: [Int64: DepartmentCompliance] = [:]
        for row in rows {
            guard let kind = OpinionDeadlineKind(rawValue: Int(row.kind)),
                let status = DeadlineStatus(rawValue: Int(row.status))
            else { continue }
            departments[row.department, default: DepartmentCompliance(department: row.department)]
                .tallies[kind, default: DeadlineTally()].count(status, row.count)
        }
        let ordered = departments.values.sorted(by: DepartmentCompliance.worstFirst)
        var response = V1.GetOpinionComplianceResponse()
        response.period = Shuangjiang.Common.V1.Period(period)
        response.departments = ordered.map { compliance in
            var message = V1.DepartmentCompliance()
            message.departmentAgencyId = ResourceKind.agency.format(compliance.department)
            message.departmentName = names[compliance.department] ?? ""
            message.deadlines = compliance.byKind.map { Self.message($0.kind, $0.tally) }
            message.overallOnTimeRate = compliance.overall.onTimeRate.message
            return message
        }
        response.totals = OpinionDeadlineKind.allCases.map { kind in
            Self.message(kind, ordered.reduce(DeadlineTally()) { $0 + ($1.tallies[kind] ?? DeadlineTally()) })
        }
        response.intakeSequence = sequence
        return response
    }

    private static func message(_ kind: OpinionDeadlineKind, _ tally: DeadlineTally) -> V1.DeadlineCompliance {
        var message = V1.DeadlineCompliance()
        message.kind = Shuangjiang.Common.V1.OpinionDeadlineKind(rawValue: Int32(kind.rawValue))
        message.onTimeRate = tally.onTimeRate.message
        message.met = tally.met
        message.missed = tally.missed
        message.pending = tally.pending
        return message
    }
}
