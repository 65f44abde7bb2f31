import GRPC
import GRPCTestSupport
import Intake
import Messages
import SharedDomain
import Storage
import Stubs
import SyntheticCity

/// A real intake service in-process (no socket) over an in-memory database, with its clock at
/// the city's `now`, and the city's timeline replayed into it call by call through the generated
/// client, as a loader would.
struct IntakeReplay {
    typealias V1 = Shuangjiang.Intake.V1

    let server: InProcessServer
    let database: Database
    let channel: Channel
    let client: V1.IntakeService.Client
    /// The id intake gave each created entity.
    private(set) var ids: [SyntheticReference: String] = [:]
    /// Every refused request: the step and the error.
    private(set) var rejections: [String] = []

    static func start(at now: Instant) async throws -> IntakeReplay {
        let database = try Database.inMemory(migrations: IntakeSchema.migrations)
        let server = await InProcessServer(services: [IntakeService(database: database, clock: ManualClock(now))])
        let channel = server.channel()
        return IntakeReplay(
            server: server, database: database, channel: channel, client: V1.IntakeService.Client(channel: channel))
    }

    private init(server: InProcessServer, database: Database, channel: Channel, client: V1.IntakeService.Client) {
        self.server = server
        self.database = database
        self.channel = channel
        self.client = client
    }

    /// Sends every step of `city.timeline` in order. Case events and milestones carry the version
    /// the generator predicts, so a wrong prediction shows as a rejection (ABORTED).
    mutating func replay(_ city: SyntheticCity) async {
        for step in city.timeline {
            let known = ids
            let request = city.request(for: step) { known[$0] ?? "missing-\($0)" }
            do {
                let id: String?
                switch request {
                case .createRegion(let value): id = try await client.createRegion(value).id
                case .createAgency(let value): id = try await client.createAgency(value).id
                case .fileCase(let value): id = try await client.fileCase(value).id
                case .recordCaseEvent(let value): id = try await client.recordCaseEvent(value).id
                case .reportOpinion(let value): id = try await client.reportOpinion(value).id
                case .recordOpinionMilestone(let value): id = try await client.recordOpinionMilestone(value).id
                }
                if let created = step.action.creates { ids[created] = id }
            } catch {
                rejections.append("\(step.action): \(error)")
            }
        }
    }

    /// Creates the regions and agencies one by one, then imports the cases through ImportCases:
    /// first-instance records in one stream, then the records that continue them in a second,
    /// once the first stream has given their ids. Opinions are not part of an import.
    mutating func importCases(of city: SyntheticCity) async throws {
        for step in city.timeline {
            let known = ids
            switch city.request(for: step, resolve: { known[$0] ?? "missing-\($0)" }) {
            case .createRegion(let value): ids[.region(step.action.index)] = try await client.createRegion(value).id
            case .createAgency(let value): ids[.agency(step.action.index)] = try await client.createAgency(value).id
            default: continue
            }
        }
        for batch in [
            city.cases.filter { $0.relatedCaseIndex == nil }, city.cases.filter { $0.relatedCaseIndex != nil },
        ] {
            let call = client.importCases()
            let known = ids
            for record in batch {
                try await call.send(
                    record.importRow(rowNumber: Int64(record.index) + 1) { known[$0] ?? "missing-\($0)" })
            }
            for result in try await call.response().results {
                if result.accepted {
                    ids[.caseRecord(Int(result.rowNumber) - 1)] = result.caseId
                } else {
                    rejections.append("row \(result.rowNumber): \(result.rejectionReason)")
                }
            }
        }
    }

    /// Every case intake holds, by id.
    func allCases() async throws -> [String: V1.Case] {
        var cases: [String: V1.Case] = [:]
        var request = V1.ListCasesRequest()
        request.pageSize = 500
        repeat {
            let page = try await client.listCases(request)
            for record in page.cases { cases[record.id] = record }
            request.pageToken = page.nextPageToken
        } while !request.pageToken.isEmpty
        return cases
    }

    /// How many incidents intake lists as having a missed deadline.
    func missedOpinionCount() async throws -> Int {
        var request = V1.ListOpinionsRequest()
        request.pageSize = 500
        request.missedDeadlineOnly = true
        var count = 0
        repeat {
            let page = try await client.listOpinions(request)
            count += page.opinions.count
            request.pageToken = page.nextPageToken
        } while !request.pageToken.isEmpty
        return count
    }

    func stop() async -> Bool {
        channel.close()
        let clean = await server.stop()
        database.close()
        return clean
    }
}
