public import GRPC
internal import GRPCCore
public import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

extension AssessmentService {
    public func rankUnits(_ request: V1.RankUnitsRequest, context: ServerContext) async throws -> V1.RankUnitsResponse {
        var violations = Violations()
        violations.required(request.unitKind, "unit_kind")
        violations.required(request.indicator, "indicator")
        let period = request.period.flatMap { violations.calendarPeriod($0, "period") }
        if request.period == nil { violations.add("period", "required") }
        violations.known(request.order, "order")
        violations.known(request.lossRateFormula, "loss_rate_formula")
        if request.minDenominator < 0 { violations.add("min_denominator", "must not be negative") }
        if request.minIntakeSequence < 0 { violations.add("min_intake_sequence", "must not be negative") }
        var regionFilter: Int64?
        if !request.regionId.isEmpty {
            if request.unitKind != .agency {
                violations.add("region_id", "only filters agencies (unit_kind AGENCY)")
            } else if let key = ResourceKind.region.parse(request.regionId) {
                regionFilter = key
            } else {
                violations.add("region_id", "not a region id (region-N)")
            }
        }
        try violations.check()
        let regionKey = regionFilter
        guard let period else { throw RPCError(code: .internalError, message: "validation") }
        try await waitForIntake(request.minIntakeSequence, context: context)
        let formula = Self.formula(request.lossRateFormula) ?? rules.lossRateFormula
        let indicator = request.indicator
        let kind: Int64 = request.unitKind == .region ? 1 : 2
        let (units, counts, sequence) = try await read { tx in
            if let regionFilter = regionKey {
                try Self.requireScope(tx, .region(regionFilter), field: "region_id")
            }
            let units =
                kind == 1
                ? try tx.fetchAll("SELECT id, name FROM regions WHERE kind <> 1")
                : regionKey == nil
                    ? try tx.fetchAll("SELECT id, name FROM agencies")
                    : try tx.fetchAll("SELECT id, name FROM agencies WHERE region_id = ?", regionKey!)
            return (
                try units.map { (key: try $0.get(0, as: Int64.self), name: try $0.get(1, as: String.self)) },
                try CountsTable.sumByScope(tx, kind: kind, days: period.days), try Self.intakeSequence(tx)
            )
        }
        let ascending: Bool =
            switch request.order {
            case .ascending: true
            case .descending: false
            default: Self.bestFirstAscending(indicator)
            }
        let entries = units.map { unit -> Ranking.Entry<(ScopeKey, Measure)> in
            let figures = IndicatorFigures(counts: counts[unit.key] ?? Counts(), lossRateFormula: formula)
            let measure = Self.measure(indicator, figures)
            let scope: ScopeKey = kind == 1 ? .region(unit.key) : .agency(unit.key)
            switch measure {
            case .rate(let rate):
                return .init(
                    unit: (scope, measure), name: unit.name, value: rate.fraction, denominator: rate.denominator)
            case .count(let count):
                return .init(unit: (scope, measure), name: unit.name, value: Fraction(count, 1), denominator: nil)
            }
        }
        var response = V1.RankUnitsResponse()
        response.indicator = indicator
        response.period = Shuangjiang.Common.V1.Period(period)
        response.order = ascending ? .ascending : .descending
        response.entries = Ranking.rank(entries, ascending: ascending, minDenominator: request.minDenominator).map {
            ranked in
            var entry = V1.RankedUnit()
            entry.rank = Int32(ranked.rank)
            entry.unit = ranked.entry.unit.0.message
            entry.unitName = ranked.entry.name
            switch ranked.entry.unit.1 {
            case .rate(let rate): entry.measure = .rate(rate.message)
            case .count(let count): entry.measure = .count(count)
            }
            return entry
        }
        response.intakeSequence = sequence
        return response
    }

    enum Measure {
        case rate(Rate)
        case count(Int64)
    }

    static func measure(_ indicator: V1.Indicator, _ figures: IndicatorFigures) -> Measure {
        switch indicator {
        case .caseVolume: .count(figures.caseVolume)
        case .withdrawnAfterChangeCount: .count(figures.withdrawnAfterChangeCount)
        case .correctionRate: .rate(figures.correctionRate)
        case .comprehensiveCorrectionRate: .rate(figures.comprehensiveCorrectionRate)
        case .appearanceRate: .rate(figures.appearanceRate)
        case .speakRate: .rate(figures.speakRate)
        case .mediationWithdrawalRate: .rate(figures.mediationWithdrawalRate)
        case .appealRate: .rate(figures.appealRate)
        default: .rate(figures.lossRate)
        }
    }

    /// The indicator's "best first" direction (indicators.proto, Indicator).
    static func bestFirstAscending(_ indicator: V1.Indicator) -> Bool {
        switch indicator {
        case .appearanceRate, .speakRate, .mediationWithdrawalRate: false
        default: true
        }
    }
}
