public import GRPC
internal import GRPCCore
public import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

extension AssessmentService {
    public func getIndicators(_ request: V1.GetIndicatorsRequest, context: ServerContext) async throws
        -> V1.GetIndicatorsResponse
    {
        var violations = Violations()
        let scope = Self.scope(request.scope, "scope", into: &violations)
        let period = request.period.flatMap { violations.calendarPeriod($0, "period") }
        if request.period == nil { violations.add("period", "required") }
        violations.known(request.lossRateFormula, "loss_rate_formula")
        if request.minIntakeSequence < 0 { violations.add("min_intake_sequence", "must not be negative") }
        let yearEarlier = period?.yearEarlier
        if period != nil && yearEarlier == nil { violations.add("period", "has no year-earlier period in 1949-2199") }
        try violations.check()
        guard let scope, let period, let yearEarlier else {
            throw RPCError(code: .internalError, message: "validation")
        }
        try await waitForIntake(request.minIntakeSequence, context: context)
        let formula = Self.formula(request.lossRateFormula) ?? rules.lossRateFormula
        let now = clock.now()
        let (current, earlier, sequence) = try await read { tx in
            try Self.requireScope(tx, scope, field: "scope")
            return (
                try CountsTable.sum(tx, scope: scope, days: period.days),
                try CountsTable.sum(tx, scope: scope, days: yearEarlier.days), try Self.intakeSequence(tx)
            )
        }
        let figures = IndicatorFigures(counts: current, lossRateFormula: formula)
        let before = IndicatorFigures(counts: earlier, lossRateFormula: formula)
        var response = V1.GetIndicatorsResponse()
        response.scope = scope.message
        response.period = Shuangjiang.Common.V1.Period(period)
        response.current = figures.message
        response.yearEarlierPeriod = Shuangjiang.Common.V1.Period(yearEarlier)
        response.yearEarlier = before.message
        response.doubleDecline = DoubleDecline(current: figures, yearEarlier: before).message
        response.intakeSequence = sequence
        response.computedAt = now.timestamp
        return response
    }

    /// A Scope request field resolved to intake's keys; violations name `field`.
    static func scope(_ scope: Shuangjiang.Common.V1.Scope?, _ field: String, into violations: inout Violations)
        -> ScopeKey?
    {
        switch scope?.unit {
        case .city: return .city
        case .regionId(let id):
            guard let key = ResourceKind.region.parse(id) else {
                violations.add("\(field).region_id", "not a region id (region-N)")
                return nil
            }
            return .region(key)
        case .agencyId(let id):
            guard let key = ResourceKind.agency.parse(id) else {
                violations.add("\(field).agency_id", "not an agency id (agency-N)")
                return nil
            }
            return .agency(key)
        case nil:
            violations.add(field, "required: city, region_id or agency_id")
            return nil
        }
    }

    /// NOT_FOUND unless assessment has seen the region or agency on intake's feed.
    static func requireScope(_ tx: some Transaction, _ scope: ScopeKey, field: String) throws {
        switch scope {
        case .city: return
        case .region(let key):
            if try tx.fetchOne("SELECT 1 FROM regions WHERE id = ?", key) == nil {
                throw RPCError.notFound(.region, id: ResourceKind.region.format(key), field: "\(field).region_id")
            }
        case .agency(let key):
            if try tx.fetchOne("SELECT 1 FROM agencies WHERE id = ?", key) == nil {
                throw RPCError.notFound(.agency, id: ResourceKind.agency.format(key), field: "\(field).agency_id")
            }
        }
    }

    static func formula(_ formula: V1.LossRateFormula) -> LossRateFormula? {
        switch formula {
        case .concluded: .concluded
        case .merits: .merits
        case .plaintiffWin: .plaintiffWin
        default: nil
        }
    }
}

extension LossRateFormula {
    var message: Shuangjiang.Assessment.V1.LossRateFormula {
        switch self {
        case .concluded: .concluded
        case .merits: .merits
        case .plaintiffWin: .plaintiffWin
        }
    }
}

extension IndicatorFigures {
    var message: Shuangjiang.Assessment.V1.Indicators {
        var indicators = Shuangjiang.Assessment.V1.Indicators()
        indicators.lossRate = lossRate.message
        indicators.lossRateFormula = lossRateFormula.message
        indicators.caseVolume = caseVolume
        indicators.reconsiderationVolume = reconsiderationVolume
        indicators.correctionRate = correctionRate.message
        indicators.comprehensiveCorrectionRate = comprehensiveCorrectionRate.message
        indicators.appearanceRate = appearanceRate.message
        indicators.speakRate = speakRate.message
        indicators.mediationWithdrawalRate = mediationWithdrawalRate.message
        indicators.appealRate = appealRate.message
        indicators.withdrawnAfterChangeCount = withdrawnAfterChangeCount
        indicators.revisedCount = counts[.revised]
        return indicators
    }
}

extension DoubleDecline {
    var message: Shuangjiang.Assessment.V1.DoubleDecline {
        var decline = Shuangjiang.Assessment.V1.DoubleDecline()
        decline.verdict =
            switch verdict {
            case .achieved: .achieved
            case .notAchieved: .notAchieved
            case .undetermined: .undetermined
            }
        decline.volumeDeclined = volumeDeclined
        decline.lossRateDeclined = lossRateDeclined
        decline.explanation = explanation
        return decline
    }
}
