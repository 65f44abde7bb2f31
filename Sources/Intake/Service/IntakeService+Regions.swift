public import GRPC
internal import GRPCCore
public import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

extension IntakeService {
    public func createRegion(_ request: V1.CreateRegionRequest, context: ServerContext) async throws -> V1.Region {
        var violations = Violations()
        violations.createRegion(request)
        try violations.check()
        let now = clock.now()
        let bytes = try await createOnce("CreateRegion", request: request, requestId: request.requestId) { tx in
            let city = try tx.fetchValue(Int64.self, "SELECT id FROM regions WHERE kind = 1")
            if request.regionKind == .city, city != nil {
                throw RPCError.failedPrecondition("region_kind: a CITY region already exists; there is one city")
            }
            if request.regionKind != .city, city == nil {
                throw RPCError.failedPrecondition("region_kind: create the CITY region before its regions")
            }
            if try tx.fetchOne("SELECT 1 FROM regions WHERE division_code = ?", request.divisionCode) != nil {
                throw RPCError.alreadyExists("division_code \(request.divisionCode) belongs to another region")
            }
            let key = try tx.nextKey(.region)
            var region = V1.Region()
            region.id = ResourceKind.region.format(key)
            region.name = request.name
            region.regionKind = request.regionKind
            region.divisionCode = request.divisionCode
            region.parentRegionId = city.map { ResourceKind.region.format($0) } ?? ""
            region.createdAt = now.timestamp
            let body = try region.serializedBytes()
            try tx.execute(
                "INSERT INTO regions (id, kind, division_code, body) VALUES (?, ?, ?, ?)", key,
                request.regionKind.rawValue, request.divisionCode, body)
            try Self.publish(tx, .regionCreated(region), kind: "region_created")
            return body
        }.response
        return try V1.Region(storedBytes: bytes)
    }

    public func getRegion(_ request: V1.GetRegionRequest, context: ServerContext) async throws -> V1.Region {
        try await fetch(V1.Region.self, .region, id: request.id)
    }

    public func listRegions(_ request: V1.ListRegionsRequest, context: ServerContext) async throws
        -> V1.ListRegionsResponse
    {
        var violations = Violations()
        let limit = violations.pageSize(request.pageSize)
        violations.known(request.regionKind, "region_kind")
        try violations.check()
        let position = try listPosition(request, shape: [.text(""), .integer(0)])
        var query = KeysetQuery(table: "regions", order: ["division_code", "id"])
        if request.regionKind != .unspecified { query.filter("kind = ?", request.regionKind.rawValue) }
        let page = try await read { [query] tx in try query.run(tx, after: position.after, limit: limit) }
        var response = V1.ListRegionsResponse()
        response.regions = try page.bodies.map { try V1.Region(storedBytes: $0) }
        response.nextPageToken = position.nextToken(page.next)
        return response
    }
}
