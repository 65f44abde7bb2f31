import Accountability
import Assessment
import CityLoader
import CityReport
import GRPC
import GRPCTestSupport
import Intake
import Messages
import ServiceKit
import SharedDomain
import Stubs
import SyntheticCity
import Testing

/// The report gathered from the three services as `shuangjiang-server` runs them in one process,
/// with a small synthetic city (2021-2022, four counties) loaded through intake's API: every
/// figure in the report is the one the RPC it names returns.
@Suite struct GathererTests {
    typealias Intake = Shuangjiang.Intake.V1
    typealias Assessment = Shuangjiang.Assessment.V1
    typealias Accountability = Shuangjiang.Accountability.V1

    static let period = CalendarPeriod.year(2022)

    /// Polls `read` until `done` holds, for up to 60 s (the machine is shared; never a fixed sleep).
    static func eventually<T: Sendable>(_ read: () async throws -> T, until done: (T) -> Bool) async throws -> T {
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while true {
            let value = try await read()
            if done(value) || ContinuousClock.now > deadline { return value }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    static func period(_ period: CalendarPeriod) -> Shuangjiang.Common.V1.Period {
        Shuangjiang.Common.V1.Period(period)
    }

    static func indicators(
        _ assessment: Assessment.AssessmentService.Client, _ unit: Shuangjiang.Common.V1.Scope.Unit,
        _ period: CalendarPeriod,
        head: Int64, formula: Assessment.LossRateFormula = .unspecified
    ) async throws -> Assessment.GetIndicatorsResponse {
        var request = Assessment.GetIndicatorsRequest()
        var scope = Shuangjiang.Common.V1.Scope()
        scope.unit = unit
        request.scope = scope
        request.period = Self.period(period)
        request.minIntakeSequence = head
        request.lossRateFormula = formula
        return try await assessment.getIndicators(request)
    }

    static func same(_ figure: RateFigure, _ rate: Shuangjiang.Common.V1.Rate?) -> Bool {
        figure.numerator == rate?.numerator ?? -1 && figure.denominator == rate?.denominator ?? -1
            && figure.formula == rate?.formula ?? ""
    }

    static func same(_ figures: Figures, _ indicators: Assessment.Indicators?) -> Bool {
        guard let indicators else { return false }
        return same(figures.lossRate, indicators.lossRate) && figures.caseVolume == indicators.caseVolume
            && figures.reconsiderationVolume == indicators.reconsiderationVolume
            && same(figures.correctionRate, indicators.correctionRate)
            && same(figures.comprehensiveCorrectionRate, indicators.comprehensiveCorrectionRate)
            && same(figures.appearanceRate, indicators.appearanceRate) && same(figures.speakRate, indicators.speakRate)
            && same(figures.mediationWithdrawalRate, indicators.mediationWithdrawalRate)
            && same(figures.appealRate, indicators.appealRate)
            && figures.withdrawnAfterChange == indicators.withdrawnAfterChangeCount
            && figures.revised == indicators.revisedCount
    }

    /// A referral opened and decided by hand in 2022, so the year's statistics are not all zero
    /// (the system's own referrals are dated when it opens them, which is now).
    static func decidedReferral(_ accountability: Accountability.AccountabilityService.Client, agency: Intake.Agency)
        async throws
    {
        func noon(_ month: Int32, _ day: Int32) -> Google.Protobuf.Timestamp {
            var timestamp = Google.Protobuf.Timestamp()
            timestamp.seconds =
                CityTimeZone.shanghai.start(of: CivilDate(year: 2022, month: month, day: day)!).seconds + 43_200
            return timestamp
        }
        var manual = Accountability.ManualSource()
        manual.description = "群众来信反映执法不规范"
        manual.documentReference = "淮司信〔2022〕7号"
        var source = Accountability.ReferralSource()
        source.origin = .manual(manual)
        var open = Accountability.OpenReferralRequest()
        open.requestId = "report-referral"
        open.source = source
        open.regionId = agency.regionId
        open.agencyId = agency.id
        open.reason = "群众来信反映执法不规范"
        open.performedBy = "市司法局 张三"
        open.occurredAt = noon(6, 1)
        var referral = try await accountability.openReferral(open)
        var investigation = Accountability.InvestigationStarted()
        investigation.investigator = "市纪委监委第三审查调查室"
        investigation.startedOn = CivilDate(year: 2022, month: 6, day: 2)!.date
        var person = Accountability.PersonHandled()
        person.personKey = "A001"
        person.name = "干部甲"
        person.position = "某局副局长"
        person.sanction = "诫勉谈话"
        var opinion = Accountability.HandlingOpinionProposed()
        opinion.disposition = .accountable
        opinion.persons = [person]
        opinion.rationale = "经调查，行政行为违法，相关人员负有责任"
        var decision = Accountability.DecisionExecuted()
        decision.decisionDocument = "淮纪发〔2022〕6号"
        decision.executedOn = CivilDate(year: 2022, month: 6, day: 20)!.date
        let steps: [(Accountability.AdvanceReferralRequest.NextStep, Int32)] = [
            (.investigationStarted(investigation), 2), (.handlingOpinionProposed(opinion), 10),
            (.decisionExecuted(decision), 20),
        ]
        for (index, (step, day)) in steps.enumerated() {
            var advance = Accountability.AdvanceReferralRequest()
            advance.referralId = referral.id
            advance.expectedStep = referral.step
            advance.requestId = "report-referral-\(index)"
            advance.performedBy = "市纪委监委 王五"
            advance.occurredAt = noon(6, day)
            advance.nextStep = step
            referral = try await accountability.advanceReferral(advance)
        }
    }

    @Test func everyFigureOfTheReportIsWhatItsRPCReturns() async throws {
        // History loaded in one burst is judged two seconds after it is in.
        let rules = AssessmentRules(settleSeconds: 2)
        let hosted = try await HostedServices([
            IntakeService.definition, AssessmentService.definition(rules: rules), AccountabilityService.definition(),
        ])
        let channel = try Channel(host: "127.0.0.1", port: hosted.port)
        let intake = Intake.IntakeService.Client(channel: channel)
        let assessment = Assessment.AssessmentService.Client(channel: channel)
        let accountability = Accountability.AccountabilityService.Client(channel: channel)
        let city = SyntheticCity(.small(seed: 11))
        let summary = try await CityLoader(channel: channel).load(city)
        #expect(summary.rejections.isEmpty)
        var listAgencies = Intake.ListAgenciesRequest()
        listAgencies.pageSize = 500
        let agencies = try await intake.listAgencies(listAgencies).agencies
        #expect(agencies.count > 50, "more than one default page: the report must read them all")
        try await Self.decidedReferral(accountability, agency: try #require(agencies.first))
        let head = try await intake.getFeedHead(Intake.GetFeedHeadRequest()).sequence

        let gatherer = Gatherer(channel: channel)
        let report = try await gatherer.report(for: Self.period)

        // Indicators: the city, every region (and the city's own region), every agency with cases.
        let cityResponse = try await Self.indicators(
            assessment, .city(Google.Protobuf.Empty()), Self.period, head: head)
        #expect(Self.same(report.city.current, cityResponse.current))
        #expect(Self.same(report.city.yearEarlier, cityResponse.yearEarlier))
        #expect(report.city.doubleDecline.explanation == cityResponse.doubleDecline?.explanation)
        #expect(report.city.current.lossRate.denominator > 0, "the small city concludes cases in 2022")
        #expect(report.yearEarlier == .year(2021))
        let regions = try await intake.listRegions(Intake.ListRegionsRequest()).regions
        #expect(report.cityName == regions.first { $0.regionKind == .city }?.name)
        #expect(
            report.regions.filter { $0.name.hasSuffix("本级") == false }.map(\.id)
                == regions.filter { $0.regionKind != .city }.map(\.id))
        for region in report.regions {
            let response = try await Self.indicators(assessment, .regionId(region.id), Self.period, head: head)
            #expect(Self.same(region.current, response.current), "\(region.name)")
            #expect(Self.same(region.yearEarlier, response.yearEarlier), "\(region.name)")
        }
        // Regions add up to the city: nothing is lost between scopes.
        #expect(report.regions.map(\.current.caseVolume).reduce(0, +) == report.city.current.caseVolume)
        #expect(report.agencies.count + report.quietAgencies == agencies.count)
        for agency in report.agencies {
            let response = try await Self.indicators(assessment, .agencyId(agency.id), Self.period, head: head)
            #expect(Self.same(agency.current, response.current), "\(agency.name)")
        }

        // Charts: each region's quarter is GetIndicators for that quarter.
        #expect(report.quarterly.quarters == (1...4).map { .quarter(year: 2022, quarter: $0) })
        // The quarters assessment will judge over the line (counties, districts and zones, not the
        // city's own region): 10 × losses > concluded, from its own figures.
        var expectedCrossings = 0
        for row in report.quarterly.regions {
            for (index, quarter) in report.quarterly.quarters.enumerated() {
                let current = try await Self.indicators(assessment, .regionId(row.id), quarter, head: head).current
                #expect(Self.same(row.lossRates[index], current?.lossRate), "\(row.name) \(quarter)")
                #expect(row.caseVolumes[index] == current?.caseVolume, "\(row.name) \(quarter)")
                let rate = current?.lossRate ?? Shuangjiang.Common.V1.Rate()
                if regions.contains(where: { $0.id == row.id && $0.regionKind != .city })
                    && 10 * rate.numerator > rate.denominator
                {
                    expectedCrossings += 1
                }
            }
        }

        // Rankings, warnings, opinion compliance: as the RPCs list them.
        var rank = Assessment.RankUnitsRequest()
        rank.unitKind = .region
        rank.indicator = .lossRate
        rank.period = Self.period(Self.period)
        let ranked = try await assessment.rankUnits(rank)
        let lossRanking = try #require(report.rankings.first { $0.indicator == .lossRate && $0.unitKind == .region })
        #expect(lossRanking.entries.map(\.name) == ranked.entries.map(\.unitName))
        #expect(lossRanking.entries.map(\.rank) == ranked.entries.map { Int($0.rank) })
        var warningsRequest = Assessment.ListWarningsRequest()
        warningsRequest.period = Self.period(.quarter(year: 2022, quarter: 3))
        warningsRequest.pageSize = 500
        let warnings = try await assessment.listWarnings(warningsRequest).warnings
        let reportedQ3 = report.warnings.filter { $0.period == .quarter(year: 2022, quarter: 3) }
        #expect(reportedQ3.map(\.unitName) == warnings.map(\.unitName))
        #expect(reportedQ3.filter { $0.level == .red }.count == warnings.filter { $0.level == .red }.count)
        var compliance = Assessment.GetOpinionComplianceRequest()
        compliance.period = Self.period(Self.period)
        let opinions = try await assessment.getOpinionCompliance(compliance)
        #expect(report.opinions.departments.map(\.name) == opinions.departments.map(\.departmentName))
        #expect(report.opinions.totals.map(\.met) == opinions.totals.map(\.met))
        #expect(report.opinions.totals.map(\.missed) == opinions.totals.map(\.missed))

        // Crossings, escalations and statistics come from feeds that catch up on their own: the
        // report gathered once both are quiet names exactly what the RPCs list.
        func crossingAlerts() async throws -> [Assessment.Alert] {
            var request = Assessment.ListAlertsRequest()
            request.kind = .lossRateThresholdCrossed
            request.about = Self.period(Self.period)
            request.pageSize = 500
            return try await assessment.listAlerts(request).alerts
        }
        func escalations() async throws -> [Accountability.Escalation] {
            var request = Accountability.ListEscalationsRequest()
            request.within = Self.period(Self.period)
            request.pageSize = 500
            return try await accountability.listEscalations(request).escalations
        }
        struct Snapshot: Sendable {
            var report: Report
            var alerts: [Assessment.Alert]
            var escalations: [Accountability.Escalation]
            var expected: Int
            var settled: Bool {
                alerts.count == expected && escalations.count == alerts.count && report.crossings.count == alerts.count
                    && report.escalations.count == escalations.count
            }
        }
        let snapshot = try await Self.eventually({
            Snapshot(
                report: try await gatherer.report(for: Self.period), alerts: try await crossingAlerts(),
                escalations: try await escalations(), expected: expectedCrossings)
        }) { $0.settled }
        let final = snapshot.report
        let alerts = snapshot.alerts
        #expect(
            snapshot.settled,
            "\(snapshot.alerts.count) crossings, \(expectedCrossings) expected, \(snapshot.escalations.count) escalations"
        )
        #expect(expectedCrossings > 0, "the small city has quarters over the line")
        #expect(final.threshold == Fraction(1, 10)!)
        func key(_ name: String, _ quarter: String, _ numerator: Int64, _ denominator: Int64) -> String {
            "\(name) \(quarter) \(numerator)/\(denominator)"
        }
        var listedCrossings: [String] = []
        for alert in alerts {
            guard case .lossRateThresholdCrossed(let crossed)? = alert.details, let period = alert.period else {
                continue
            }
            let rate = crossed.lossRate ?? Shuangjiang.Common.V1.Rate()
            listedCrossings.append(
                key(
                    alert.subject?.displayName ?? "", "\(period.year)Q\(period.index)", rate.numerator, rate.denominator
                ))
        }
        let reportedCrossings = final.crossings.map {
            key($0.regionName, "\($0.quarter)", $0.lossRate.numerator, $0.lossRate.denominator)
        }
        #expect(Set(reportedCrossings) == Set(listedCrossings))
        for crossing in final.crossings {
            // 10 × losses > concluded, the service's rule, holds for every crossing listed.
            #expect(crossing.lossRate.fraction.map { $0 > crossing.threshold } == true)
        }
        var stats = Accountability.GetAccountabilityStatsRequest()
        stats.period = Self.period(Self.period)
        let cityStats = try await accountability.getAccountabilityStats(stats)
        let reported = try #require(final.accountability.first)
        #expect(reported.isCity && reported.cluesReferred == cityStats.cluesReferred)
        #expect(reported.casesHeldAccountable == cityStats.casesHeldAccountable)
        #expect(reported.personsHandled == cityStats.personsHandled)
        #expect(reported.cluesReferred >= 1 && reported.personsHandled >= 1, "the referral decided in 2022")
        #expect(final.accountability.count == final.regions.count + 1)

        // Both renderings carry the figures.
        let text = TextRenderer().render(final)
        #expect(text.contains(final.city.current.lossRate.text))
        let html = HTMLRenderer().render(final)
        #expect(html.contains(final.cityName))
        #expect(html.contains("id=\"\(HTMLRenderer.lossRateChartId)\""))

        try await casebookMatchesTheNumerators(gatherer, assessment, head: head, agencies: agencies)
        try await inspectionsUseTheQuartersFigures(gatherer, assessment, head: head, agencies: agencies)

        channel.close()
        #expect(await hosted.stop())
    }

    /// The casebook lists exactly the cases the indicators count: its lost cases are the loss
    /// rate's numerator, its corrections the correction rates', city-wide and per agency.
    func casebookMatchesTheNumerators(
        _ gatherer: Gatherer, _ assessment: Assessment.AssessmentService.Client, head: Int64, agencies: [Intake.Agency]
    ) async throws {
        let casebook = try await gatherer.casebook(for: Self.period)
        let city = try await Self.indicators(
            assessment, .city(Google.Protobuf.Empty()), Self.period, head: head, formula: .concluded
        ).current
        #expect(casebook.count(.lost) == city?.lossRate?.numerator ?? -1)
        #expect(casebook.count(.lost) > 0)
        #expect(casebook.count(.corrected) == city?.correctionRate?.numerator ?? -1)
        #expect(
            casebook.count(.corrected) + casebook.count(.selfCorrectedThenWithdrawn)
                == city?.comprehensiveCorrectionRate?.numerator ?? -1)
        #expect(casebook.count(.withdrawnAfterChange) == city?.withdrawnAfterChangeCount ?? -1)
        for group in casebook.agencies {
            let figures = try await Self.indicators(
                assessment, .agencyId(group.agencyId), Self.period, head: head, formula: .concluded
            ).current
            let lost = group.categories.flatMap(\.entries).filter { $0.reason == .lost }.count
            #expect(Int64(lost) == figures?.lossRate?.numerator, "\(group.agencyName)")
            #expect(group.agencyName == agencies.first { $0.id == group.agencyId }?.name)
        }
        // Every entry tells its story: filed first, a conclusion among the steps.
        for entry in casebook.entries {
            let opening = entry.kind == "行政复议" ? "受理" : "立案"
            #expect(entry.steps.first?.text.hasPrefix(opening) == true, "\(entry.docketNumber)")
            #expect(
                entry.steps.contains { ["审结", "复议决定", "撤诉", "撤回"].contains(where: $0.text.contains) },
                "\(entry.docketNumber)")
            #expect(entry.concludedOn.map { Self.period.contains($0) } == true)
        }
        let text = TextRenderer().render(casebook)
        for entry in casebook.entries.prefix(5) { #expect(text.contains(entry.docketNumber)) }
    }

    /// The inspection list applies its rule to GetIndicators' figures for the quarter.
    func inspectionsUseTheQuartersFigures(
        _ gatherer: Gatherer, _ assessment: Assessment.AssessmentService.Client, head: Int64, agencies: [Intake.Agency]
    ) async throws {
        let quarter = CalendarPeriod.quarter(year: 2022, quarter: 2)
        let rule = InspectionRule()
        let list = try await gatherer.inspections(for: quarter, rule: rule)
        #expect(list.agenciesConsidered == agencies.count)
        #expect(!list.entries.isEmpty, "the top decile of a busy quarter is never empty")
        for entry in list.entries {
            let figures = try await Self.indicators(
                assessment, .agencyId(entry.candidate.agencyId), quarter, head: head, formula: .concluded
            ).current
            #expect(entry.candidate.litigationFiled == figures?.caseVolume)
            #expect(entry.candidate.reconsiderationFiled == figures?.reconsiderationVolume)
            #expect(Self.same(entry.candidate.lossRate, figures?.lossRate))
        }
        await #expect(throws: ReportError.self) { try await gatherer.inspections(for: .year(2022)) }
        #expect(TextRenderer().render(list).contains(rule.statement))
    }
}
