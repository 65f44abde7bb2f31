public import GRPC
internal import GRPCCore
public import Messages
public import ServiceKit
internal import SharedDomain
internal import Storage

extension Shuangjiang.Assessment.V1.ListAlertsRequest: PagedListRequest {}

extension AssessmentService {
    public func listAlerts(_ request: V1.ListAlertsRequest, context: ServerContext) async throws
        -> V1.ListAlertsResponse
    {
        var violations = Violations()
        let limit = violations.pageSize(request.pageSize)
        violations.known(request.kind, "kind")
        let createdIn = request.createdIn.flatMap { violations.period($0, "created_in") }
        let about = request.about.flatMap { violations.period($0, "about") }
        var region: Int64?
        if !request.regionId.isEmpty {
            region = ResourceKind.region.parse(request.regionId)
            if region == nil { violations.add("region_id", "not a region id (region-N)") }
        }
        try violations.check()
        let position = try listPosition(request, shape: [.integer(0)])
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if request.kind != .unspecified {
            conditions.append("a.kind = ?")
            arguments.append(Int64(request.kind.rawValue))
        }
        if let createdIn {
            conditions.append("a.created_at >= ? AND a.created_at < ?")
            arguments += [
                timeZone.start(of: createdIn.lowerBound).milliseconds,
                timeZone.end(of: createdIn.upperBound).milliseconds,
            ]
        }
        if let about {
            conditions.append("a.period_first >= ? AND a.period_last <= ?")
            arguments += [Int64(about.lowerBound.key), Int64(about.upperBound.key)]
        }
        if let region {
            conditions.append("a.region_id = ?")
            arguments.append(region)
        }
        if case .integer(let before) = position.after?.first {
            conditions.append("a.sequence < ?")
            arguments.append(before)
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = """
            SELECT f.seq, f.kind, f.payload, f.committed_at FROM alerts a JOIN feed f ON f.seq = a.sequence
            \(filter) ORDER BY a.sequence DESC LIMIT ?
            """
        let query = arguments + [limit + 1]
        let rows = try await read { tx in
            try tx.fetchAll(sql, arguments: query).map { row in
                FeedEvent(
                    seq: try row.get(0), kind: try row.get(1), payload: try row.get(2), committedAt: try row.get(3))
            }
        }
        var response = V1.ListAlertsResponse()
        response.alerts = try rows.prefix(limit).map(AlertLog.alert)
        response.nextPageToken = position.nextToken(
            rows.count > limit ? response.alerts.last.map { [.integer($0.sequence)] } : nil)
        return response
    }

    public func watchAlerts(
        _ request: V1.WatchAlertsRequest, response: ResponseWriter<V1.Alert>, context: ServerContext
    ) async throws {
        try await FeedServer(database: database).serve(
            after: request.afterSequence, stopAtHead: request.stopAtHead, to: response, AlertLog.alert)
    }
}
