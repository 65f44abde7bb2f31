public import GRPC
public import Messages
internal import Stubs
public import SyntheticCity

/// Loads a synthetic city into an intake service through its public API, as an agency system
/// would: regions and agencies one call each, every case and its events through ImportCases (the
/// first-instance records, then the records that continue them, once intake has given the first
/// ones their ids), then each opinion incident and its milestones. Request ids come from the
/// city's seed, so loading the same city twice writes nothing twice.
public struct CityLoader: Sendable {
    public typealias V1 = Shuangjiang.Intake.V1

    public struct Summary: Sendable, CustomStringConvertible {
        public var regions = 0
        public var agencies = 0
        public var cases = 0
        public var opinions = 0
        /// Requests intake refused, with its reason (a synthetic city loads with none).
        public var rejections: [String] = []

        public var description: String {
            "\(regions) regions, \(agencies) agencies, \(cases) case records, \(opinions) opinion incidents"
                + (rejections.isEmpty ? "" : ", \(rejections.count) refused")
        }
    }

    let client: V1.IntakeService.Client

    public init(channel: Channel) {
        client = V1.IntakeService.Client(channel: channel)
    }

    /// Whether intake holds nothing yet (no region): a demo city is loaded only then.
    public func intakeIsEmpty() async throws -> Bool {
        var request = V1.ListRegionsRequest()
        request.pageSize = 1
        return try await client.listRegions(request).regions.isEmpty
    }

    public func load(_ city: SyntheticCity, progress: @Sendable (String) -> Void = { _ in }) async throws -> Summary {
        var summary = Summary()
        var ids: [SyntheticReference: String] = [:]
        for step in city.timeline {
            let known = ids
            switch city.request(for: step, resolve: { known[$0] ?? "missing-\($0)" }) {
            case .createRegion(let request):
                ids[.region(step.action.index)] = try await client.createRegion(request).id
                summary.regions += 1
            case .createAgency(let request):
                ids[.agency(step.action.index)] = try await client.createAgency(request).id
                summary.agencies += 1
            default:
                continue
            }
        }
        progress("\(summary.regions) regions and \(summary.agencies) agencies created")
        for records in [
            city.cases.filter { $0.relatedCaseIndex == nil }, city.cases.filter { $0.relatedCaseIndex != nil },
        ] {
            let call = client.importCases()
            let known = ids
            for record in records {
                try await call.send(
                    record.importRow(rowNumber: Int64(record.index) + 1) { known[$0] ?? "missing-\($0)" })
            }
            call.closeSend()
            let response = try await call.response()
            for result in response.results where result.accepted {
                ids[.caseRecord(Int(result.rowNumber) - 1)] = result.caseId
            }
            summary.cases += Int(response.acceptedCount)
            summary.rejections += response.results.filter { !$0.accepted }.map {
                "case row \($0.rowNumber): \($0.rejectionReason)"
            }
            progress("\(summary.cases) case records imported")
        }
        for opinion in city.opinions {
            let known = ids
            do {
                var incident = try await client.reportOpinion(opinion.report { known[$0] ?? "missing-\($0)" })
                for milestone in opinion.milestones {
                    incident = try await client.recordOpinionMilestone(
                        milestone.request(opinionId: incident.id, expectedVersion: incident.version))
                }
                summary.opinions += 1
            } catch {
                summary.rejections.append("opinion \(opinion.index): \(error)")
            }
        }
        progress("\(summary.opinions) opinion incidents reported")
        return summary
    }
}
