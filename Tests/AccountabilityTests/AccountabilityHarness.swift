import Accountability
import Assessment
import GRPC
import GRPCCore
import GRPCTestSupport
import Intake
import Messages
import ServiceKit
import SharedDomain
import Storage
import Stubs
import Synchronization

/// Intake, assessment and accountability, each on an in-process server; intake's feed applied
/// to assessment and assessment's alerts to accountability by hand (`sync`), through the same
/// projection and actions the followers run, one event per write with the cursor, so tests decide
/// when each catches up. Accountability asks the real intake about what requests name.
final class AccountabilityHarness: Sendable {
    typealias Intake = Shuangjiang.Intake.V1
    typealias Assessment = Shuangjiang.Assessment.V1
    typealias V1 = Shuangjiang.Accountability.V1

    let intakeServer: InProcessServer
    let intakeDatabase: Database
    let intake: Intake.IntakeService.Client
    let assessmentServer: InProcessServer
    let assessmentDatabase: Database
    let assessmentService: AssessmentService
    let assessment: Assessment.AssessmentService.Client
    let server: InProcessServer
    let database: Database
    let service: AccountabilityService
    let accountability: V1.AccountabilityService.Client
    /// Intake validates dates against this: 2025-01-15 in Shanghai.
    let intakeClock = ManualClock(Instant(seconds: 1_736_899_200))
    /// Assessment's and accountability's "now": the real clock plus an hour, so alerts (stamped
    /// with real commit times) are never in accountability's future and every quarter is closed.
    let clock: ManualClock
    /// How far each feed has been applied by hand.
    private final class Applied: Sendable {
        let value = Mutex<(intake: Int64, alerts: Int64)>((0, 0))
    }
    private let appliedBox = Applied()
    private let dockets = Mutex(0)
    let city: Intake.Region

    init(
        rules: AccountabilityRules = AccountabilityRules(), assessmentRules: AssessmentRules = AssessmentRules(),
        database: Database? = nil
    ) async throws {
        intakeDatabase = try Database.inMemory(migrations: IntakeSchema.migrations)
        intakeServer = await InProcessServer(services: [IntakeService(database: intakeDatabase, clock: intakeClock)])
        intake = Intake.IntakeService.Client(channel: intakeServer.channel())
        clock = ManualClock(SystemClock().now().adding(seconds: 3600))
        assessmentDatabase = try Database.inMemory(migrations: AssessmentSchema.migrations)
        let applied = appliedBox
        assessmentService = AssessmentService(
            database: assessmentDatabase, rules: assessmentRules, clock: clock,
            progress: {
                FeedProgress(applied: applied.value.withLock { $0.intake }, upstreamHead: nil, connected: true)
            })
        assessmentServer = await InProcessServer(services: [assessmentService])
        assessment = Assessment.AssessmentService.Client(channel: assessmentServer.channel())
        self.database = try database ?? Database.inMemory(migrations: AccountabilitySchema.migrations)
        let intakeChannel = intakeServer.channel()
        service = AccountabilityService(
            database: self.database, rules: rules, clock: clock,
            intake: IntakeClientDirectory(channel: { intakeChannel }))
        server = await InProcessServer(services: [service])
        accountability = V1.AccountabilityService.Client(channel: server.channel())
        var request = Intake.CreateRegionRequest()
        request.requestId = "city"
        request.name = "宿迁市"
        request.regionKind = .city
        request.divisionCode = "321300"
        city = try await intake.createRegion(request)
    }

    /// Applies intake's changes to assessment (judging what is due), then assessment's alerts to
    /// accountability.
    func sync() async throws {
        try await syncAssessment()
        var alerts = Assessment.WatchAlertsRequest()
        alerts.afterSequence = appliedBox.value.withLock { $0.alerts }
        alerts.stopAtHead = true
        for try await alert in assessment.watchAlerts(alerts).responses {
            try await apply(alert)
            appliedBox.value.withLock { $0.alerts = alert.sequence }
        }
    }

    /// Applies intake's changes to assessment and judges what is due; accountability is left to
    /// catch up by itself (a follower under test).
    func syncAssessment() async throws {
        var request = Intake.WatchEventsRequest()
        request.afterSequence = appliedBox.value.withLock { $0.intake }
        request.stopAtHead = true
        let projection = assessmentService.projection
        for try await event in intake.watchEvents(request).responses {
            try await assessmentDatabase.write { tx in
                try projection(tx, [event])
                try tx.setCursor("intake", to: event.sequence)
            }
            appliedBox.value.withLock { $0.intake = event.sequence }
        }
        try await assessmentService.judgeDue()
    }

    /// Applies one alert as the follower does. Tests that need an alert of a precise shape make
    /// it up, with a sequence of their own.
    func apply(_ alert: Assessment.Alert) async throws {
        let actions = service.alertActions
        try await database.write { tx in
            try actions(tx, alert)
            try tx.setCursor("assessment", to: max(alert.sequence, try tx.cursor("assessment")))
        }
    }

    /// Every alert assessment has raised, oldest first.
    func alerts() async throws -> [Assessment.Alert] {
        var request = Assessment.WatchAlertsRequest()
        request.stopAtHead = true
        var all: [Assessment.Alert] = []
        for try await alert in assessment.watchAlerts(request).responses { all.append(alert) }
        return all
    }

    func region(_ name: String, code: String) async throws -> Intake.Region {
        var request = Intake.CreateRegionRequest()
        request.requestId = "region-\(code)"
        request.name = name
        request.regionKind = .county
        request.divisionCode = code
        return try await intake.createRegion(request)
    }

    func agency(_ name: String, in region: Intake.Region) async throws -> Intake.Agency {
        var request = Intake.CreateAgencyRequest()
        request.requestId =
            "agency-\(region.divisionCode)-\(name.unicodeScalars.map { String($0.value) }.joined(separator: "."))"
        request.name = name
        request.agencyType = .peoplesGovernment
        request.level = .county
        request.regionId = region.id
        return try await intake.createAgency(request)
    }

    /// A first-instance litigation case against `agency`, filed and (if `outcome` is given)
    /// concluded, through ImportCases.
    @discardableResult
    func file(
        _ agency: Intake.Agency, filed: CivilDate, concluded: CivilDate? = nil, outcome: Intake.CaseOutcome? = nil,
        plaintiffs: Int32 = 1
    ) async throws -> Intake.Case {
        try await importCases([(agency, filed, concluded, outcome)], plaintiffs: plaintiffs).first!
    }

    /// Imports the cases in one ImportCases stream (every row must be accepted) and returns them.
    func importCases(_ cases: [(Intake.Agency, CivilDate, CivilDate?, Intake.CaseOutcome?)], plaintiffs: Int32 = 1)
        async throws -> [Intake.Case]
    {
        var rows: [Intake.ImportCasesRequest] = []
        var dockets: [String] = []
        for (index, (agency, filed, concluded, outcome)) in cases.enumerated() {
            let number = self.dockets.withLock { value in
                value += 1
                return value
            }
            var filing = Intake.FileCaseRequest()
            filing.requestId = "case-\(number)"
            filing.kind = .litigation
            filing.instance = .first
            filing.docketNumber = "(\(filed.year))苏13行初\(number)号"
            filing.category = .penalty
            filing.defendantAgencyId = agency.id
            filing.regionId = agency.regionId
            filing.filedOn = filed.date
            filing.courtName = "宿迁市中级人民法院"
            filing.plaintiffKind = .naturalPerson
            filing.plaintiffCount = plaintiffs
            var row = Intake.ImportCasesRequest()
            row.rowNumber = Int64(index + 1)
            row.filing = filing
            if let concluded, let outcome {
                var event = Intake.Concluded()
                event.outcome = outcome
                event.concludedOn = concluded.date
                event.instance = .first
                var caseEvent = Intake.CaseEvent()
                caseEvent.event = .concluded(event)
                row.events = [caseEvent]
            }
            rows.append(row)
            dockets.append(filing.docketNumber)
        }
        let call = intake.importCases()
        for row in rows { try await call.send(row) }
        call.closeSend()
        let response = try await call.response()
        precondition(response.rejectedCount == 0, "rejected: \(response.results.filter { !$0.accepted }.prefix(3))")
        var filed: [Intake.Case] = []
        for docket in dockets {
            var list = Intake.ListCasesRequest()
            list.docketNumber = docket
            filed += try await intake.listCases(list).cases
        }
        return filed
    }

    func stop() async {
        _ = await server.stop()
        _ = await assessmentServer.stop()
        _ = await intakeServer.stop()
        database.close()
        assessmentDatabase.close()
        intakeDatabase.close()
    }
}

extension CivilDate {
    static func on(_ year: Int32, _ month: Int32, _ day: Int32) -> CivilDate {
        CivilDate(year: year, month: month, day: day)!
    }
}

extension Instant {
    /// Noon in Shanghai on the day.
    static func noon(_ year: Int32, _ month: Int32, _ day: Int32) -> Instant {
        CityTimeZone.shanghai.start(of: .on(year, month, day)).adding(seconds: 12 * 3600)
    }
}
