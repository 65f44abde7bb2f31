internal import Messages
public import SharedDomain
internal import Stubs

extension Gatherer {
    /// The city report for `period`: indicators of the city, every region and every agency,
    /// double decline, rankings, warnings, crossings and forecasts, escalations, accountability
    /// statistics and opinion compliance (docs/city-report.md says which RPC gives what).
    public func report(for period: CalendarPeriod) async throws -> Report {
        let head = try await feedHead()
        let directory = try await directory()
        let cityResponse = try await indicators(.city(Google.Protobuf.Empty()), period, head: head)
        let city = UnitFigures(kind: .city, id: "", name: directory.cityName, cityResponse)

        // The city region (市本级) is a region of its own for counting, though never ranked or
        // warned against the counties: listed first when it has any case.
        var regions: [UnitFigures] = []
        if let cityRegion = directory.city {
            let own = try await unitFigures(
                .region, id: cityRegion.id, name: directory.cityRegionName, period, head: head)
            if !own.current.isEmpty || !own.yearEarlier.isEmpty { regions.append(own) }
        }
        for region in directory.regions {
            regions.append(try await unitFigures(.region, id: region.id, name: region.name, period, head: head))
        }

        let gatherer = self
        let allAgencies = try await concurrentMap(directory.agencies, limit: concurrency) { agency in
            try await gatherer.unitFigures(
                .agency, id: agency.id, name: agency.name, regionName: directory.regionName(agency.regionId), period,
                head: head)
        }
        let agencies = allAgencies.filter { !$0.current.isEmpty || !$0.yearEarlier.isEmpty }

        let quarterly = try await quarterlyFigures(period, regions: regions, cityName: directory.cityName, head: head)
        let rankings = try await rankings(period, head: head)
        let warnings = try await warnings(period, head: head)
        let crossings = try await crossings(period)
        let forecasts = try await forecasts(period)
        let escalations = try await escalations(period)
        var accountability = [try await accountabilityFigures(period, regionId: "", name: "全市")]
        for region in regions {
            accountability.append(try await accountabilityFigures(period, regionId: region.id, name: region.name))
        }
        let opinions = try await opinionCompliance(period)

        // The line drawn is the one the service judged by, when the period's alerts say so.
        let threshold = crossings.max { $0.quarter.days.lowerBound < $1.quarter.days.lowerBound }?.threshold
        return Report(
            cityName: directory.cityName, period: period, yearEarlier: cityResponse.yearEarlierPeriod?.calendarPeriod,
            threshold: threshold ?? defaultThreshold, intakeSequence: cityResponse.intakeSequence,
            computedAt: Instant(cityResponse.computedAt), city: city, regions: regions, agencies: agencies,
            quietAgencies: allAgencies.count - agencies.count, quarterly: quarterly, rankings: rankings,
            warnings: warnings, crossings: crossings, forecasts: forecasts, escalations: escalations,
            accountability: accountability, opinions: opinions)
    }

    /// The period alerts and escalations are filtered by: theirs are quarters, so a month's report
    /// shows its quarter's.
    static func quarterScope(_ period: CalendarPeriod) -> CalendarPeriod {
        if case .month = period { return .quarter(containing: period.days.lowerBound) }
        return period
    }

    /// The periods whose warnings the report lists: a year's or a range's quarters (those wholly
    /// inside it), a quarter itself, a month itself.
    static func warningPeriods(_ period: CalendarPeriod) -> [CalendarPeriod] {
        switch period {
        case .month, .quarter: return [period]
        case .year, .range:
            return QuarterlyFigures.quarters(for: period).filter {
                period.days.lowerBound <= $0.days.lowerBound && $0.days.upperBound <= period.days.upperBound
            }
        }
    }

    func quarterlyFigures(
        _ period: CalendarPeriod, regions: [UnitFigures], cityName: String, head: Int64
    ) async throws -> QuarterlyFigures {
        let quarters = QuarterlyFigures.quarters(for: period)
        func row(_ scope: CommonV1.Scope.Unit, id: String, name: String) async throws -> QuarterlyFigures.Row {
            var rates: [RateFigure] = []
            var volumes: [Int64] = []
            for quarter in quarters {
                let current = try await indicators(scope, quarter, head: head).current
                rates.append(RateFigure(current?.lossRate))
                volumes.append(current?.caseVolume ?? 0)
            }
            return QuarterlyFigures.Row(id: id, name: name, lossRates: rates, caseVolumes: volumes)
        }
        var rows: [QuarterlyFigures.Row] = []
        for region in regions { rows.append(try await row(.regionId(region.id), id: region.id, name: region.name)) }
        return QuarterlyFigures(
            quarters: quarters, city: try await row(.city(Google.Protobuf.Empty()), id: "", name: cityName),
            regions: rows)
    }

    func rankings(_ period: CalendarPeriod, head: Int64) async throws -> [Ranking] {
        func rank(
            _ indicator: Ranking.Indicator, _ kind: UnitFigures.Kind, order: CommonV1.SortOrder = .unspecified
        ) async throws -> Ranking {
            var request = AssessmentV1.RankUnitsRequest()
            request.unitKind = kind == .agency ? .agency : .region
            request.indicator =
                switch indicator {
                case .lossRate: .lossRate
                case .caseVolume: .caseVolume
                case .correctionRate: .correctionRate
                case .appearanceRate: .appearanceRate
                }
            request.period = CommonV1.Period(period)
            request.order = order
            request.minIntakeSequence = head
            let response = try await calling(.assessment) {
                try await assessment.rankUnits(request, options: callOptions)
            }
            let entries = response.entries.map { entry in
                let value: Ranking.Value =
                    switch entry.measure {
                    case .count(let count)?: .count(count)
                    case .rate(let rate)?: .rate(RateFigure(rate))
                    case nil: .count(0)
                    }
                return Ranking.Entry(rank: Int(entry.rank), name: entry.unitName, value: value)
            }
            return Ranking(
                indicator: indicator, unitKind: kind, descending: response.order == .descending, entries: entries)
        }
        var rankings: [Ranking] = []
        for indicator in Ranking.Indicator.allCases { rankings.append(try await rank(indicator, .region)) }
        // Agencies: the highest loss rates, the ones the report is about; units with nothing
        // concluded are unranked and left out.
        var agencies = try await rank(.lossRate, .agency, order: .descending)
        agencies.entries = Array(agencies.entries.filter { $0.rank > 0 }.prefix(agencyRankingLength))
        rankings.append(agencies)
        return rankings
    }

    func warnings(_ period: CalendarPeriod, head: Int64) async throws -> [WarningEntry] {
        var entries: [WarningEntry] = []
        let options = callOptions
        let assessment = self.assessment
        for warningPeriod in Self.warningPeriods(period) {
            let warnings = try await allPages { token in
                var request = AssessmentV1.ListWarningsRequest()
                request.pageSize = 500
                request.pageToken = token
                request.period = CommonV1.Period(warningPeriod)
                request.minIntakeSequence = head
                let page = try await calling(.assessment) {
                    try await assessment.listWarnings(request, options: options)
                }
                return (page.warnings, page.nextPageToken)
            }
            for warning in warnings {
                let level: WarningEntry.Level =
                    switch warning.level {
                    case .red: .red
                    case .yellow: .yellow
                    default: .green
                    }
                let kind: UnitFigures.Kind =
                    switch warning.unit?.unit {
                    case .agencyId?: .agency
                    case .city?: .city
                    default: .region
                    }
                entries.append(
                    WarningEntry(
                        period: warningPeriod, unitKind: kind, unitName: warning.unitName, level: level,
                        lossRate: RateFigure(warning.lossRate), cityLossRate: RateFigure(warning.cityLossRate),
                        reasons: warning.triggers.map(\.explanation)))
            }
        }
        return entries
    }

    func alerts(_ kind: AssessmentV1.AlertKind, about period: CalendarPeriod) async throws -> [AssessmentV1.Alert] {
        let options = callOptions
        let assessment = self.assessment
        let alerts = try await allPages { token in
            var request = AssessmentV1.ListAlertsRequest()
            request.pageSize = 500
            request.pageToken = token
            request.kind = kind
            request.about = CommonV1.Period(Self.quarterScope(period))
            let page = try await calling(.assessment) { try await assessment.listAlerts(request, options: options) }
            return (page.alerts, page.nextPageToken)
        }
        // Newest first on the wire; oldest first reads better in a report.
        return alerts.sorted { $0.sequence < $1.sequence }
    }

    func crossings(_ period: CalendarPeriod) async throws -> [Crossing] {
        try await alerts(.lossRateThresholdCrossed, about: period).compactMap { alert in
            guard case .lossRateThresholdCrossed(let crossed)? = alert.details,
                let quarter = alert.period?.calendarPeriod
            else { return nil }
            let threshold =
                Fraction(crossed.thresholdNumerator, crossed.thresholdDenominator) ?? defaultThreshold
            return Crossing(
                regionName: alert.subject?.displayName ?? crossed.regionId, quarter: quarter,
                lossRate: RateFigure(crossed.lossRate), threshold: threshold, occurrence: Int(crossed.occurrence),
                escalation: EscalationEntry.Kind(crossed.escalation))
        }
    }

    func forecasts(_ period: CalendarPeriod) async throws -> [Forecast] {
        try await alerts(.projectedCrossing, about: period).compactMap { alert in
            guard case .projectedCrossing(let projected)? = alert.details,
                let quarter = (projected.quarter ?? alert.period)?.calendarPeriod
            else { return nil }
            return Forecast(
                regionName: alert.subject?.displayName ?? projected.regionId, quarter: quarter,
                projectedRate: projected.projectedRate, low: projected.low, high: projected.high,
                threshold: projected.threshold, explanation: projected.explanation,
                raisedOn: Instant(alert.createdAt).flatMap { timeZone.date(of: $0) })
        }
    }

    func escalations(_ period: CalendarPeriod) async throws -> [EscalationEntry] {
        let options = callOptions
        let accountability = self.accountability
        let escalations = try await allPages { token in
            var request = AccountabilityV1.ListEscalationsRequest()
            request.pageSize = 500
            request.pageToken = token
            request.within = CommonV1.Period(Self.quarterScope(period))
            let page = try await calling(.accountability) {
                try await accountability.listEscalations(request, options: options)
            }
            return (page.escalations, page.nextPageToken)
        }
        return escalations.compactMap { escalation in
            guard let quarter = escalation.quarter?.calendarPeriod else { return nil }
            let status: EscalationEntry.Status =
                switch escalation.status {
                case .completed: .completed
                case .cancelled: .cancelled
                default: .pending
                }
            return EscalationEntry(
                regionName: escalation.regionName.isEmpty ? escalation.regionId : escalation.regionName,
                quarter: quarter, kind: EscalationEntry.Kind(escalation.kind), occurrence: Int(escalation.occurrence),
                lossRate: RateFigure(escalation.lossRate), status: status, convener: escalation.convener,
                heldOn: CivilDate(escalation.outcome?.heldOn), conductedBy: escalation.outcome?.conductedBy ?? "",
                summary: escalation.outcome?.summary ?? "")
        }
    }

    func accountabilityFigures(_ period: CalendarPeriod, regionId: String, name: String) async throws
        -> AccountabilityFigures
    {
        var request = AccountabilityV1.GetAccountabilityStatsRequest()
        request.period = CommonV1.Period(period)
        request.regionId = regionId
        let stats = try await calling(.accountability) {
            try await accountability.getAccountabilityStats(request, options: callOptions)
        }
        return AccountabilityFigures(
            scopeName: name, isCity: regionId.isEmpty, cluesReferred: stats.cluesReferred,
            investigationsStarted: stats.investigationsStarted, opinionsProposed: stats.opinionsProposed,
            decisionsExecuted: stats.decisionsExecuted, casesHeldAccountable: stats.casesHeldAccountable,
            personsHandled: stats.personsHandled, unitOnlyCases: stats.unitOnlyCases,
            escalationsHeld: stats.escalationsHeld, supervisionsOpened: stats.supervisionsOpened,
            supervisionsClosed: stats.supervisionsClosed,
            byDisposition: stats.byDisposition.map {
                .init(label: Labels.disposition($0.disposition), count: $0.count)
            },
            byCurrentStep: stats.byCurrentStep.map { .init(label: Labels.step($0.step), count: $0.count) })
    }

    func opinionCompliance(_ period: CalendarPeriod) async throws -> OpinionComplianceFigures {
        var request = AssessmentV1.GetOpinionComplianceRequest()
        request.period = CommonV1.Period(period)
        let response = try await calling(.assessment) {
            try await assessment.getOpinionCompliance(request, options: callOptions)
        }
        return OpinionComplianceFigures(
            totals: response.totals.compactMap(OpinionComplianceFigures.DeadlineFigure.init),
            departments: response.departments.map {
                .init(
                    name: $0.departmentName,
                    deadlines: $0.deadlines.compactMap(OpinionComplianceFigures.DeadlineFigure.init),
                    overall: RateFigure($0.overallOnTimeRate))
            })
    }
}
