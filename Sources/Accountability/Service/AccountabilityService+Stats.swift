public import GRPC
internal import GRPCCore
public import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

extension AccountabilityService {
    /// Every count by its own date (stats.proto): steps by the day they occurred, escalations by
    /// held_on, supervisions by the day opened or closed; persons distinct by agency and key.
    public func getAccountabilityStats(_ request: V1.GetAccountabilityStatsRequest, context: ServerContext)
        async throws -> V1.AccountabilityStats
    {
        var violations = Violations()
        let period = request.period.flatMap { violations.calendarPeriod($0, "period") }
        if request.period == nil { violations.add("period", "required") }
        violations.filter(request.regionId, "region_id")
        try violations.check()
        guard let period else { throw RPCError(code: .internalError, message: "validation passed without a period") }
        var region: Int64?
        if !request.regionId.isEmpty {
            guard let found = try await intake.region(request.regionId, field: "region_id"),
                let key = ResourceKind.region.parse(found.id)
            else { throw RPCError.notFound(.region, id: request.regionId, field: "region_id") }
            region = key
        }
        let first = Int64(period.days.lowerBound.key)
        let last = Int64(period.days.upperBound.key)
        let counts = try await read { [region] tx in
            try StatsQueries(region: region, first: first, last: last).run(tx)
        }
        var stats = V1.AccountabilityStats()
        stats.period = Shuangjiang.Common.V1.Period(period)
        stats.regionId = request.regionId
        stats.cluesReferred = counts.steps[ReferralStage.referred.rawValue] ?? 0
        stats.investigationsStarted = counts.steps[ReferralStage.investigating.rawValue] ?? 0
        stats.opinionsProposed = counts.steps[ReferralStage.opinionProposed.rawValue] ?? 0
        stats.decisionsExecuted = counts.steps[ReferralStage.decisionExecuted.rawValue] ?? 0
        stats.casesHeldAccountable = counts.heldAccountable
        stats.personsHandled = counts.persons
        stats.unitOnlyCases = counts.unitOnly
        stats.unitsHeldAccountable = counts.unitsHeld
        stats.byDisposition = Disposition.allCases.map { disposition in
            var count = V1.DispositionCount()
            count.disposition = V1.Disposition(rawValue: disposition.rawValue)
            count.count = counts.dispositions[disposition.rawValue] ?? 0
            return count
        }
        stats.byCurrentStep = ReferralStage.allCases.map { stage in
            var count = V1.StepCount()
            count.step = V1.ReferralStep(rawValue: stage.rawValue)
            count.count = counts.currentSteps[stage.rawValue] ?? 0
            return count
        }
        stats.escalationsHeld = counts.escalationsHeld
        stats.supervisionsOpened = counts.supervisionsOpened
        stats.supervisionsClosed = counts.supervisionsClosed
        return stats
    }
}
