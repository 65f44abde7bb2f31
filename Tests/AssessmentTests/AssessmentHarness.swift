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

/// Intake and assessment, each on an in-process server, with intake's feed applied to assessment
/// by hand (`sync`): the same projection the follower runs, one change per write with the cursor,
/// so tests decide exactly when assessment catches up.
final class AssessmentHarness: Sendable {
    typealias Intake = Shuangjiang.Intake.V1
    typealias V1 = Shuangjiang.Assessment.V1

    let intakeServer: InProcessServer
    let intakeDatabase: Database
    let intake: Intake.IntakeService.Client
    let assessmentServer: InProcessServer
    let assessmentDatabase: Database
    let service: AssessmentService
    let assessment: V1.AssessmentService.Client
    /// Intake validates dates against this: 2025-01-15 in Shanghai.
    let intakeClock = ManualClock(Instant(seconds: 1_736_899_200))
    /// Assessment's "now" once caught up: the real clock plus an hour, so every gap is quiet.
    let assessmentClock: ManualClock
    private final class Applied: Sendable {
        let value = Mutex<Int64>(0)
    }
    private let appliedBox = Applied()
    let city: Intake.Region

    init(rules: AssessmentRules = AssessmentRules()) async throws {
        intakeDatabase = try Database.inMemory(migrations: IntakeSchema.migrations)
        intakeServer = await InProcessServer(services: [IntakeService(database: intakeDatabase, clock: intakeClock)])
        intake = Intake.IntakeService.Client(channel: intakeServer.channel())
        assessmentDatabase = try Database.inMemory(migrations: AssessmentSchema.migrations)
        assessmentClock = ManualClock(SystemClock().now().adding(seconds: 3600))
        let applied = appliedBox
        service = AssessmentService(
            database: assessmentDatabase, rules: rules, clock: assessmentClock,
            progress: { FeedProgress(applied: applied.value.withLock { $0 }, upstreamHead: nil, connected: true) })
        assessmentServer = await InProcessServer(services: [service])
        assessment = V1.AssessmentService.Client(channel: assessmentServer.channel())
        var request = Intake.CreateRegionRequest()
        request.requestId = "city"
        request.name = "宿迁市"
        request.regionKind = .city
        request.divisionCode = "321300"
        city = try await intake.createRegion(request)
    }

    /// Applies every intake change not applied yet, then judges what is due as of the clock.
    func sync(judge: Bool = true) async throws {
        let after = appliedBox.value.withLock { $0 }
        var request = Intake.WatchEventsRequest()
        request.afterSequence = after
        request.stopAtHead = true
        let apply = service.projection
        for try await event in intake.watchEvents(request).responses {
            try await assessmentDatabase.write { tx in
                try apply(tx, [event])
                try tx.setCursor("intake", to: event.sequence)
            }
            appliedBox.value.withLock { $0 = event.sequence }
        }
        if judge { try await service.judgeDue() }
    }

    func region(_ name: String, code: String) async throws -> Intake.Region {
        var request = Intake.CreateRegionRequest()
        request.requestId = "region-\(code)"
        request.name = name
        request.regionKind = .county
        request.divisionCode = code
        return try await intake.createRegion(request)
    }

    func agency(_ name: String, in region: Intake.Region, level: Intake.AgencyLevel = .county) async throws
        -> Intake.Agency
    {
        var request = Intake.CreateAgencyRequest()
        request.requestId =
            "agency-\(region.divisionCode)-\(name.unicodeScalars.map { String($0.value) }.joined(separator: "."))"
        request.name = name
        request.agencyType = .peoplesGovernment
        request.level = level
        request.regionId = region.id
        return try await intake.createAgency(request)
    }

    /// A first-instance litigation case filed and concluded with `outcome`, as one import row.
    struct Concluded {
        var agency: Intake.Agency
        var filedOn: CivilDate
        var concludedOn: CivilDate
        var outcome: Intake.CaseOutcome
    }

    private let dockets = Mutex(0)

    /// Imports the cases in one ImportCases stream; every row must be accepted.
    func importConcluded(_ cases: [Concluded]) async throws {
        var rows: [Intake.ImportCasesRequest] = []
        for (index, item) in cases.enumerated() {
            let number = dockets.withLock { value in
                value += 1
                return value
            }
            var filing = Intake.FileCaseRequest()
            filing.requestId = "case-\(number)"
            filing.kind = .litigation
            filing.instance = .first
            filing.docketNumber = "(\(item.filedOn.year))苏13行初\(number)号"
            filing.category = .penalty
            filing.defendantAgencyId = item.agency.id
            filing.regionId = item.agency.regionId
            filing.filedOn = item.filedOn.date
            filing.courtName = "宿迁市中级人民法院"
            filing.plaintiffKind = .naturalPerson
            var concluded = Intake.Concluded()
            concluded.outcome = item.outcome
            concluded.concludedOn = item.concludedOn.date
            concluded.instance = .first
            var event = Intake.CaseEvent()
            event.event = .concluded(concluded)
            var row = Intake.ImportCasesRequest()
            row.rowNumber = Int64(index + 1)
            row.filing = filing
            row.events = [event]
            rows.append(row)
        }
        let call = intake.importCases()
        for row in rows { try await call.send(row) }
        call.closeSend()
        let response = try await call.response()
        precondition(response.rejectedCount == 0, "rejected: \(response.results.filter { !$0.accepted }.prefix(3))")
    }

    /// `losses` lost and `total - losses` dismissed, all concluded on `day`.
    func cases(_ agency: Intake.Agency, losses: Int, of total: Int, filed: CivilDate, concluded: CivilDate)
        -> [Concluded]
    {
        (0..<total).map { index in
            Concluded(
                agency: agency, filedOn: filed, concludedOn: concluded,
                outcome: index < losses ? .revoked : .claimDismissed)
        }
    }

    func stop() async {
        _ = await assessmentServer.stop()
        _ = await intakeServer.stop()
        assessmentDatabase.close()
        intakeDatabase.close()
    }
}

extension CivilDate {
    static func on(_ year: Int32, _ month: Int32, _ day: Int32) -> CivilDate {
        CivilDate(year: year, month: month, day: day)!
    }
}
