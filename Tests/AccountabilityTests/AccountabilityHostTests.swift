import Accountability
import Assessment
import GRPC
import GRPCCore
import GRPCTestSupport
import Intake
import Messages
import ServiceKit
import SharedDomain
import Stubs
import Testing

/// The three services as `shuangjiang-server` runs them in one process (each meeting the others
/// over gRPC, in memory), from intake events to referrals, an escalation and a supervised item,
/// and a supervised item whose reminder and escalation the timer raises on the wall clock.
@Suite struct AccountabilityHostTests {
    typealias Intake = Shuangjiang.Intake.V1
    typealias V1 = Shuangjiang.Accountability.V1

    static var definitions: [ServiceDefinition] {
        // History loaded in one burst is judged one second after it is in; risk is scored on
        // plaintiffs alone, so five make a case red.
        let rules = AssessmentRules(
            settleSeconds: 1,
            risk: CaseRiskRules(weights: [.multiplePlaintiffs: 50], redThreshold: 40, yellowThreshold: 20))
        return [
            IntakeService.definition, AssessmentService.definition(rules: rules), AccountabilityService.definition(),
        ]
    }

    /// Polls `read` until `done` holds, for up to 30 s.
    static func eventually<T: Sendable>(_ read: () async throws -> T, until done: (T) -> Bool) async throws -> T {
        let deadline = ContinuousClock.now.advanced(by: .seconds(30))
        while true {
            let value = try await read()
            if done(value) || ContinuousClock.now > deadline { return value }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    @Test func anIntakeEventBecomesAReferralAnEscalationAndASupervisedItemInOneProcess() async throws {
        let hosted = try await HostedServices(Self.definitions)
        let channel = try Channel(host: "127.0.0.1", port: hosted.port)
        let intake = Intake.IntakeService.Client(channel: channel)
        let accountability = V1.AccountabilityService.Client(channel: channel)
        var region = Intake.CreateRegionRequest()
        region.requestId = "city"
        region.name = "宿迁市"
        region.regionKind = .city
        region.divisionCode = "321300"
        _ = try await intake.createRegion(region)
        region.requestId = "county"
        region.name = "泗洪县"
        region.regionKind = .county
        region.divisionCode = "321324"
        let county = try await intake.createRegion(region)
        var agencyRequest = Intake.CreateAgencyRequest()
        agencyRequest.requestId = "agency"
        agencyRequest.name = "泗洪县人民政府"
        agencyRequest.agencyType = .peoplesGovernment
        agencyRequest.level = .county
        agencyRequest.regionId = county.id
        let agency = try await intake.createAgency(agencyRequest)
        let call = intake.importCases()
        for index in 0..<10 {
            var filing = Intake.FileCaseRequest()
            filing.requestId = "case-\(index)"
            filing.kind = .litigation
            filing.instance = .first
            filing.docketNumber = "(2022)苏13行初\(index + 1)号"
            filing.category = .penalty
            filing.defendantAgencyId = agency.id
            filing.regionId = county.id
            filing.filedOn = CivilDate(year: 2022, month: 7, day: 5)!.date
            filing.courtName = "宿迁市中级人民法院"
            filing.plaintiffKind = .naturalPerson
            var concluded = Intake.Concluded()
            concluded.outcome = index < 2 ? .revoked : .claimDismissed  // 20 %
            concluded.concludedOn = CivilDate(year: 2022, month: 8, day: 10)!.date
            concluded.instance = .first
            var event = Intake.CaseEvent()
            event.event = .concluded(concluded)
            var row = Intake.ImportCasesRequest()
            row.rowNumber = Int64(index + 1)
            row.filing = filing
            row.events = [event]
            try await call.send(row)
        }
        // An open case with five plaintiffs: red at once.
        var open = Intake.ImportCasesRequest()
        open.rowNumber = 11
        var filing = Intake.FileCaseRequest()
        filing.requestId = "open-case"
        filing.kind = .litigation
        filing.instance = .first
        filing.docketNumber = "(2022)苏13行初99号"
        filing.category = .expropriation
        filing.defendantAgencyId = agency.id
        filing.regionId = county.id
        filing.filedOn = CivilDate(year: 2022, month: 9, day: 1)!.date
        filing.courtName = "宿迁市中级人民法院"
        filing.plaintiffKind = .naturalPerson
        filing.plaintiffCount = 5
        open.filing = filing
        try await call.send(open)
        call.closeSend()
        #expect(try await call.response().rejectedCount == 0)

        let referrals = try await Self.eventually({
            try await accountability.listReferrals(V1.ListReferralsRequest()).referrals
        }) {
            $0.count == 2
        }
        #expect(referrals.count == 2 && referrals.allSatisfy { $0.steps.first?.performedBy == "system" })
        #expect(referrals.last?.repeatedLoss?.caseIds.count == 2)
        let escalations = try await Self.eventually({
            try await accountability.listEscalations(V1.ListEscalationsRequest()).escalations
        }) { !$0.isEmpty }
        #expect(escalations.map(\.kind) == [.interview] && escalations.first?.regionId == county.id)

        // HIGH_RISK_CASE: the open case is supervised by the system, with the configured defaults.
        let supervised = try await Self.eventually({
            try await accountability.listSupervisions(V1.ListSupervisionsRequest()).supervisions
        }) { !$0.isEmpty }
        #expect(
            supervised.count == 1 && supervised.first?.openedBy == "system" && supervised.first?.alertSequence ?? 0 > 0)

        // A supervised item for the first lost case, due in 3 s, reminded 2 s before.
        var supervise = V1.OpenSupervisionRequest()
        supervise.requestId = "supervise"
        supervise.kind = .listed
        supervise.caseId = referrals[0].caseId
        supervise.regionId = county.id
        supervise.ownerName = "县长"
        supervise.ownerPosition = "泗洪县人民政府县长"
        supervise.plan = "一案一策"
        supervise.dueAt = SystemClock().now().adding(seconds: 3).timestamp
        var lead = Google.Protobuf.Duration()
        lead.seconds = 2
        supervise.reminderLead = lead
        supervise.openedBy = "市司法局"
        let supervision = try await accountability.openSupervision(supervise)
        var get = V1.GetSupervisionRequest()
        get.id = supervision.id
        let overdue = try await Self.eventually({ try await accountability.getSupervision(get) }) {
            $0.state == .overdue
        }
        #expect(overdue.notices.map(\.kind) == [.reminder, .overdue])
        #expect(overdue.remindedAt != nil && overdue.escalatedAt != nil)
        channel.close()
        #expect(await hosted.stop())
    }

    @Test func accountabilityAloneNeedsAssessmentsAndIntakesAddresses() async throws {
        await #expect(throws: HostError.self) {
            _ = try await HostedServices(Self.definitions, selected: ["accountability"])
        }
        await #expect(throws: HostError.self) {
            _ = try await HostedServices(Self.definitions, selected: ["accountability"]) { configuration in
                configuration.upstreamAddresses["assessment"] = ServiceAddress(host: "127.0.0.1", port: 1)
            }
        }
    }
}
