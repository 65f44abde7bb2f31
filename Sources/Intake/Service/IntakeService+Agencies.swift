public import GRPC
internal import GRPCCore
public import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

extension IntakeService {
    public func createAgency(_ request: V1.CreateAgencyRequest, context: ServerContext) async throws -> V1.Agency {
        var violations = Violations()
        violations.createAgency(request)
        try violations.check()
        let now = clock.now()
        let bytes = try await createOnce("CreateAgency", request: request, requestId: request.requestId) { tx in
            let (regionKey, regionBody) = try tx.stored(.region, id: request.regionId, field: "region_id")
            let region = try V1.Region(storedBytes: regionBody)
            let cityLevel = request.level == .province || request.level == .city
            if cityLevel != (region.regionKind == .city) {
                throw RPCError.invalidArgument([
                    .init(
                        field: "region_id",
                        description: cityLevel
                            ? "PROVINCE and CITY agencies belong to the city region"
                            : "COUNTY and TOWNSHIP agencies belong to a county, district or zone region")
                ])
            }
            if !request.creditCode.isEmpty,
                try tx.fetchOne("SELECT 1 FROM agencies WHERE credit_code = ?", request.creditCode) != nil
            {
                throw RPCError.alreadyExists("credit_code \(request.creditCode) belongs to another agency")
            }
            let key = try tx.nextKey(.agency)
            var agency = V1.Agency()
            agency.id = ResourceKind.agency.format(key)
            agency.name = request.name
            agency.agencyType = request.agencyType
            agency.level = request.level
            agency.regionId = region.id
            agency.creditCode = request.creditCode
            agency.createdAt = now.timestamp
            let body = try agency.serializedBytes()
            try tx.execute(
                """
                INSERT INTO agencies (id, region_id, name, agency_type, level, credit_code, body)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, key, regionKey, request.name, request.agencyType.rawValue, request.level.rawValue,
                request.creditCode.isEmpty ? DatabaseValue.null : .text(request.creditCode), body)
            try Self.publish(tx, .agencyCreated(agency), kind: "agency_created")
            return body
        }.response
        return try V1.Agency(storedBytes: bytes)
    }

    public func getAgency(_ request: V1.GetAgencyRequest, context: ServerContext) async throws -> V1.Agency {
        try await fetch(V1.Agency.self, .agency, id: request.id)
    }

    public func listAgencies(_ request: V1.ListAgenciesRequest, context: ServerContext) async throws
        -> V1.ListAgenciesResponse
    {
        var violations = Violations()
        let limit = violations.pageSize(request.pageSize)
        violations.known(request.agencyType, "agency_type")
        violations.known(request.level, "level")
        violations.filter(request.regionId, "region_id")
        try violations.check()
        let position = try listPosition(request, shape: [.integer(0), .text(""), .integer(0)])
        var query = KeysetQuery(table: "agencies", order: ["region_id", "name", "id"])
        if !request.regionId.isEmpty {
            query.filter("region_id = ?", ResourceKind.region.parse(request.regionId) ?? -1)
        }
        if request.agencyType != .unspecified { query.filter("agency_type = ?", request.agencyType.rawValue) }
        if request.level != .unspecified { query.filter("level = ?", request.level.rawValue) }
        let page = try await read { [query] tx in try query.run(tx, after: position.after, limit: limit) }
        var response = V1.ListAgenciesResponse()
        response.agencies = try page.bodies.map { try V1.Agency(storedBytes: $0) }
        response.nextPageToken = position.nextToken(page.next)
        return response
    }
}
