import GRPC
import GRPCCore
import GRPCTestSupport
import Intake
import Messages
import ServiceKit
import SharedDomain
import Storage
import Stubs

/// An intake service on an in-process server (no socket) over an in-memory database, with a manual clock,
/// a client, and a city, a district and an agency to file cases against.
struct IntakeHarness {
    typealias V1 = Shuangjiang.Intake.V1

    let inProcess: InProcessServer
    let database: Database
    let channel: Channel
    let client: V1.IntakeService.Client
    let clock: ManualClock
    let city: V1.Region
    let district: V1.Region
    let agency: V1.Agency

    /// 2024-06-15 12:00 in Shanghai.
    static let start = Instant(seconds: 1_718_424_000)

    static func make() async throws -> IntakeHarness {
        let database = try Database.inMemory(migrations: IntakeSchema.migrations)
        let clock = ManualClock(start)
        let inProcess = await InProcessServer(services: [IntakeService(database: database, clock: clock)])
        let channel = inProcess.channel()
        let client = V1.IntakeService.Client(channel: channel)
        let city = try await client.createRegion(region("city", "徐州市", .city, "320300"))
        let district = try await client.createRegion(region("district", "鼓楼区", .district, "320302"))
        var agency = V1.CreateAgencyRequest()
        agency.requestId = "agency-1"
        agency.name = "鼓楼区市场监督管理局"
        agency.agencyType = .marketRegulation
        agency.level = .county
        agency.regionId = district.id
        let created = try await client.createAgency(agency)
        return IntakeHarness(
            inProcess: inProcess, database: database, channel: channel, client: client, clock: clock, city: city,
            district: district, agency: created)
    }

    static func region(_ id: String, _ name: String, _ kind: V1.RegionKind, _ code: String) -> V1.CreateRegionRequest {
        var request = V1.CreateRegionRequest()
        request.requestId = id
        request.name = name
        request.regionKind = kind
        request.divisionCode = code
        return request
    }

    func filing(_ sequence: Int, requestId: String? = nil, filedOn: Shuangjiang.Common.V1.Date? = nil)
        -> V1.FileCaseRequest
    {
        var request = V1.FileCaseRequest()
        request.requestId = requestId ?? "file-\(sequence)"
        request.kind = .litigation
        request.instance = .first
        request.docketNumber = "(2024)苏03行初\(sequence)号"
        request.category = .penalty
        request.defendantAgencyId = agency.id
        request.regionId = district.id
        request.filedOn = filedOn ?? CaseEvents.day(2024, 3, 1)
        request.courtName = "徐州市中级人民法院"
        request.plaintiffKind = .naturalPerson
        return request
    }

    /// One ImportCases row: `filing` and its `events`, in order.
    static func importRow(
        _ number: Int64, _ filing: V1.FileCaseRequest, events: [V1.CaseEvent.Event] = []
    ) -> V1.ImportCasesRequest {
        var row = V1.ImportCasesRequest()
        row.rowNumber = number
        row.filing = filing
        row.events = events.map { event in
            var recorded = V1.CaseEvent()
            recorded.event = event
            return recorded
        }
        return row
    }

    func record(_ target: V1.Case, _ event: V1.CaseEvent.Event, requestId: String) async throws -> V1.Case {
        var request = V1.RecordCaseEventRequest()
        request.caseId = target.id
        request.expectedVersion = target.version
        request.requestId = requestId
        request.event = V1.RecordCaseEventRequest.Event(event)
        return try await client.recordCaseEvent(request)
    }

    func stop() async -> Bool {
        channel.close()
        let clean = await inProcess.stop()
        database.close()
        return clean
    }
}

extension RPCError {
    /// The fields named by the google.rpc.BadRequest in grpc-status-details-bin.
    var violatedFields: [String] {
        metadata.firstBinary(StatusDetails.metadataKey).flatMap(StatusDetails.decodeBadRequest)?.map(\.field) ?? []
    }
}
