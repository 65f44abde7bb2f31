public import GRPC
internal import GRPCCore
public import Messages
public import ServiceKit
internal import SharedDomain
internal import Storage

extension Shuangjiang.Assessment.V1.ListWarningsRequest: PagedListRequest {}

extension AssessmentService {
    public func listWarnings(_ request: V1.ListWarningsRequest, context: ServerContext) async throws
        -> V1.ListWarningsResponse
    {
        var violations = Violations()
        let limit = violations.pageSize(request.pageSize)
        let period = request.period.flatMap { violations.calendarPeriod($0, "period") }
        if request.period == nil { violations.add("period", "required: a MONTH, QUARTER or YEAR") }
        if case .range = period { violations.add("period.kind", "must be MONTH, QUARTER or YEAR, not RANGE") }
        violations.known(request.unitKind, "unit_kind")
        violations.known(request.level, "level")
        if request.minIntakeSequence < 0 { violations.add("min_intake_sequence", "must not be negative") }
        var regionFilter: Int64?
        if !request.regionId.isEmpty {
            regionFilter = ResourceKind.region.parse(request.regionId)
            if regionFilter == nil { violations.add("region_id", "not a region id (region-N)") }
        }
        try violations.check()
        let regionKey = regionFilter
        guard let period else { throw RPCError(code: .internalError, message: "validation") }
        let position = try listPosition(request, shape: [.integer(0)])
        try await waitForIntake(request.minIntakeSequence, context: context)
        let rules = rules
        let (warnings, sequence) = try await read { tx in
            if let regionFilter = regionKey { try Self.requireScope(tx, .region(regionFilter), field: "region_id") }
            return (
                try UnitWarnings(tx, period: period, formula: rules.lossRateFormula, rules: rules.warnings),
                try Self.intakeSequence(tx)
            )
        }
        let level: WarningRules.Level? =
            switch request.level {
            case .red: .red
            case .yellow: .yellow
            case .green: .green
            default: nil
            }
        let listed = warnings.units.filter { unit in
            switch (request.unitKind, unit.scope) {
            case (.region, .agency), (.agency, .region): return false
            default: break
            }
            if let level, unit.assessment.level != level { return false }
            if let regionFilter, unit.regionKey != regionFilter { return false }
            return true
        }.sorted { a, b in
            if a.assessment.level != b.assessment.level { return a.assessment.level < b.assessment.level }
            let (x, y) = (a.lossRate.fraction ?? Fraction(0, 1)!, b.lossRate.fraction ?? Fraction(0, 1)!)
            if x != y { return y < x }
            return a.name < b.name
        }
        // The list is computed, so a page token names a position in it.
        var start = 0
        if case .integer(let offset) = position.after?.first { start = Int(clamping: offset) }
        let page = listed.dropFirst(start).prefix(limit)
        var response = V1.ListWarningsResponse()
        response.warnings = page.map { $0.message(period: period, cityRate: warnings.cityRate) }
        let end = start + page.count
        response.nextPageToken = position.nextToken(end < listed.count ? [.integer(Int64(end))] : nil)
        response.intakeSequence = sequence
        return response
    }
}
