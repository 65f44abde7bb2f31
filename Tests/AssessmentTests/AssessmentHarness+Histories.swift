import Assessment
import GRPC
import GRPCCore
import Messages
import ServiceKit
import SharedDomain
import Stubs
import Synchronization

/// Case histories of any shape filed through intake's public API (ImportCases, FileCase,
/// RecordCaseEvent), and the requests the tests read assessment back with.
extension AssessmentHarness {
    typealias Event = Intake.CaseEvent.Event

    /// One case to import: its filing and its life-cycle events, oldest first.
    struct Row {
        var kind: Intake.CaseKind = .litigation
        var instance: Intake.Instance = .first
        var agency: Intake.Agency
        var filedOn: CivilDate
        var events: [Event] = []
        /// For a second-instance or retrial record: the first-instance case it continues.
        var related = ""
        var category: Intake.CaseCategory = .penalty
    }

    /// Imports `rows` in one ImportCases stream; every row must be accepted. Returns the case ids
    /// in row order.
    @discardableResult
    func importRows(_ rows: [Row]) async throws -> [String] {
        let call = intake.importCases()
        for (index, row) in rows.enumerated() {
            var request = Intake.ImportCasesRequest()
            request.rowNumber = Int64(index + 1)
            request.filing = Self.filing(row)
            request.events = row.events.map { event in
                var recorded = Intake.CaseEvent()
                recorded.event = event
                return recorded
            }
            try await call.send(request)
        }
        call.closeSend()
        let response = try await call.response()
        let rejected = response.results.filter { !$0.accepted }
        precondition(rejected.isEmpty, "rejected: \(rejected.prefix(3).map(\.rejectionReason))")
        return response.results.map(\.caseId)
    }

    /// Files one case with FileCase (no events).
    func file(_ row: Row) async throws -> Intake.Case {
        try await intake.fileCase(Self.filing(row))
    }

    /// Appends one event to a case with RecordCaseEvent, at the version intake has now.
    @discardableResult
    func record(_ event: Event, on caseId: String) async throws -> Intake.Case {
        var get = Intake.GetCaseRequest()
        get.id = caseId
        let current = try await intake.getCase(get)
        var request = Intake.RecordCaseEventRequest()
        request.caseId = caseId
        request.expectedVersion = current.version
        request.requestId = "event-\(Self.nextNumber())"
        switch event {
        case .mediationStarted(let value): request.event = .mediationStarted(value)
        case .mediationConcluded(let value): request.event = .mediationConcluded(value)
        case .selfCorrected(let value): request.event = .selfCorrected(value)
        case .hearingScheduled(let value): request.event = .hearingScheduled(value)
        case .headAppearance(let value): request.event = .headAppearance(value)
        case .concluded(let value): request.event = .concluded(value)
        case .appealed(let value): request.event = .appealed(value)
        case .withdrawn(let value): request.event = .withdrawn(value)
        }
        return try await intake.recordCaseEvent(request)
    }

    private static let counter = Atomic<Int>(0)

    /// Unique within the test process, so request ids and docket numbers never collide.
    static func nextNumber() -> Int { counter.add(1, ordering: .relaxed).newValue }

    /// Docket numbers use court code 苏1391, apart from `importConcluded`'s 苏13 numbering.
    private static func filing(_ row: Row) -> Intake.FileCaseRequest {
        let number = nextNumber()
        var filing = Intake.FileCaseRequest()
        filing.requestId = "row-\(number)"
        filing.kind = row.kind
        filing.instance = row.instance
        switch (row.kind, row.instance) {
        case (.reconsideration, _):
            filing.docketNumber = "政复〔\(row.filedOn.year)〕\(number)号"
            filing.courtName = "市人民政府"
        case (_, .second):
            filing.docketNumber = "(\(row.filedOn.year))苏1391行终\(number)号"
            filing.courtName = "江苏省高级人民法院"
        case (_, .retrial):
            filing.docketNumber = "(\(row.filedOn.year))苏1391行再\(number)号"
            filing.courtName = "江苏省高级人民法院"
        default:
            filing.docketNumber = "(\(row.filedOn.year))苏1391行初\(number)号"
            filing.courtName = "市中级人民法院"
        }
        filing.category = row.category
        filing.defendantAgencyId = row.agency.id
        filing.regionId = row.agency.regionId
        filing.filedOn = row.filedOn.date
        filing.plaintiffKind = .naturalPerson
        filing.relatedFirstInstanceCaseId = row.related
        return filing
    }

    // MARK: Reading assessment back

    func indicators(
        _ scope: Shuangjiang.Common.V1.Scope, _ period: Shuangjiang.Common.V1.Period,
        formula: V1.LossRateFormula = .unspecified
    ) async throws -> V1.GetIndicatorsResponse {
        var request = V1.GetIndicatorsRequest()
        request.scope = scope
        request.period = period
        request.lossRateFormula = formula
        return try await assessment.getIndicators(request)
    }

    /// Every alert, oldest first, from WatchAlerts with stop_at_head.
    func watchedAlerts(after sequence: Int64 = 0) async throws -> [V1.Alert] {
        var request = V1.WatchAlertsRequest()
        request.afterSequence = sequence
        request.stopAtHead = true
        var alerts: [V1.Alert] = []
        for try await alert in assessment.watchAlerts(request).responses { alerts.append(alert) }
        return alerts
    }

    /// The threshold crossings raised, oldest first, with the quarter each is about.
    func crossings() async throws -> [(quarter: String, details: V1.LossRateThresholdCrossed)] {
        try await watchedAlerts().compactMap { alert in
            guard case .lossRateThresholdCrossed(let details) = alert.details, let period = alert.period else {
                return nil
            }
            return ("\(period.year)Q\(period.index)", details)
        }
    }
}

// MARK: Building events and requests

extension AssessmentHarness.Event {
    typealias Intake = Shuangjiang.Intake.V1

    static func concluded(_ outcome: Intake.CaseOutcome, on day: CivilDate, instance: Intake.Instance = .first) -> Self
    {
        var value = Intake.Concluded()
        value.outcome = outcome
        value.concludedOn = day.date
        value.instance = instance
        return .concluded(value)
    }

    static func withdrawn(on day: CivilDate, afterChange: Bool = false) -> Self {
        var value = Intake.Withdrawn()
        value.withdrawnOn = day.date
        value.afterAgencyChangedAct = afterChange
        return .withdrawn(value)
    }

    static func appealed(on day: CivilDate, by appellant: Intake.Appellant = .plaintiff) -> Self {
        var value = Intake.Appealed()
        value.appealedOn = day.date
        value.appellant = appellant
        value.higherCourtName = "江苏省高级人民法院"
        return .appealed(value)
    }

    static func hearing(on day: CivilDate) -> Self {
        var value = Intake.HearingScheduled()
        value.hearingAt = CityTimeZone.shanghai.start(of: day).adding(seconds: 9 * 3600).timestamp
        value.courtName = "市中级人民法院"
        return .hearingScheduled(value)
    }

    static func appearance(on day: CivilDate, spoke: Bool) -> Self {
        var value = Intake.HeadAppearance()
        value.personName = "王局长"
        value.rank = .principal
        value.spoke = spoke
        value.appearedOn = day.date
        return .headAppearance(value)
    }

    static func selfCorrected(on day: CivilDate) -> Self {
        var value = Intake.SelfCorrected()
        value.correctedOn = day.date
        value.summary = "撤回原处罚决定，重新作出"
        return .selfCorrected(value)
    }

    static func mediationStarted(on day: CivilDate, channel: Intake.MediationChannel = .peoples) -> Self {
        var value = Intake.MediationStarted()
        value.channel = channel
        value.startedOn = day.date
        return .mediationStarted(value)
    }

    static func mediationConcluded(on day: CivilDate, result: Intake.MediationResult = .resolved) -> Self {
        var value = Intake.MediationConcluded()
        value.result = result
        value.concludedOn = day.date
        return .mediationConcluded(value)
    }
}

enum Request {
    typealias Common = Shuangjiang.Common.V1

    static var city: Common.Scope {
        var scope = Common.Scope()
        scope.unit = .city(Google.Protobuf.Empty())
        return scope
    }

    static func region(_ region: Shuangjiang.Intake.V1.Region) -> Common.Scope {
        var scope = Common.Scope()
        scope.unit = .regionId(region.id)
        return scope
    }

    static func agency(_ agency: Shuangjiang.Intake.V1.Agency) -> Common.Scope {
        var scope = Common.Scope()
        scope.unit = .agencyId(agency.id)
        return scope
    }

    static func year(_ year: Int32) -> Common.Period { period(.year, year, 0) }
    static func quarter(_ year: Int32, _ quarter: Int32) -> Common.Period { period(.quarter, year, quarter) }
    static func month(_ year: Int32, _ month: Int32) -> Common.Period { period(.month, year, month) }

    static func range(_ first: CivilDate, _ last: CivilDate) -> Common.Period {
        var period = Common.Period()
        period.kind = .range
        period.firstDay = first.date
        period.lastDay = last.date
        return period
    }

    private static func period(_ kind: Common.PeriodKind, _ year: Int32, _ index: Int32) -> Common.Period {
        var period = Common.Period()
        period.kind = kind
        period.year = year
        period.index = index
        return period
    }
}

extension Shuangjiang.Common.V1.Rate {
    /// "3/40" — the integers, which is what every expectation is written in.
    var ratio: String { "\(numerator)/\(denominator)" }
}

extension Optional where Wrapped == Shuangjiang.Common.V1.Rate {
    var ratio: String { self?.ratio ?? "nil" }
}
