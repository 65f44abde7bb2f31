import GRPC
import Intake
import Messages
import ServiceKit
import SharedDomain
import Stubs
import Synchronization

/// Writers filing cases through intake's API as fast as it answers, each retrying a failed call
/// with the same request id until it is acknowledged, as a well-behaved agency system would
/// across an intake restart.
final class IntakeTraffic: Sendable {
    typealias V1 = Shuangjiang.Intake.V1

    let client: V1.IntakeService.Client
    let district: V1.Region
    let agency: V1.Agency
    private let stopping = Atomic<Bool>(false)
    private let acknowledged = Mutex<[String]>([])

    private init(client: V1.IntakeService.Client, district: V1.Region, agency: V1.Agency) {
        self.client = client
        self.district = district
        self.agency = agency
    }

    /// Creates the city, a district and an agency to file against (three changes on the feed).
    static func prepare(_ client: V1.IntakeService.Client) async throws -> IntakeTraffic {
        _ = try await client.createRegion(region("city", "徐州市", .city, "320300"))
        let district = try await client.createRegion(region("district", "鼓楼区", .district, "320302"))
        var agency = V1.CreateAgencyRequest()
        agency.requestId = "agency-1"
        agency.name = "鼓楼区市场监督管理局"
        agency.agencyType = .marketRegulation
        agency.level = .county
        agency.regionId = district.id
        return IntakeTraffic(client: client, district: district, agency: try await client.createAgency(agency))
    }

    /// Ids of the cases whose filing was acknowledged.
    var acknowledgedCases: [String] { acknowledged.withLock { $0 } }

    /// Files `count` cases one by one (the caller's own, not counted as traffic).
    func file(_ count: Int, writer: Int = 99) async throws {
        for index in 0..<count { record(try await client.fileCase(filing(writer: writer, index: index))) }
    }

    /// Runs `writers` concurrent writers until `stop()`.
    func run(writers: Int) async {
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask { await self.write(as: writer) }
            }
        }
    }

    func stop() {
        stopping.store(true, ordering: .relaxed)
    }

    private func write(as writer: Int) async {
        var index = 0
        while !stopping.load(ordering: .relaxed) {
            let request = filing(writer: writer, index: index)
            do {
                record(try await client.fileCase(request, options: CallOptions(timeout: .seconds(5))))
                index += 1
            } catch {
                // The server is down or restarting: the same request again, replayed if it was
                // committed before the kill.
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
    }

    private func record(_ filed: V1.Case) {
        acknowledged.withLock { $0.append(filed.id) }
    }

    private func filing(writer: Int, index: Int) -> V1.FileCaseRequest {
        var request = V1.FileCaseRequest()
        request.requestId = "file-\(writer)-\(index)"
        request.kind = .litigation
        request.instance = .first
        request.docketNumber = "(2024)苏03行初\(writer * 1_000_000 + index + 1)号"
        request.category = .penalty
        request.defendantAgencyId = agency.id
        request.regionId = district.id
        request.filedOn = CivilDate(year: 2024, month: 3, day: 1)!.date
        request.courtName = "徐州市中级人民法院"
        request.plaintiffKind = .naturalPerson
        return request
    }

    private static func region(_ id: String, _ name: String, _ kind: V1.RegionKind, _ code: String)
        -> V1.CreateRegionRequest
    {
        var request = V1.CreateRegionRequest()
        request.requestId = id
        request.name = name
        request.regionKind = kind
        request.divisionCode = code
        return request
    }
}
