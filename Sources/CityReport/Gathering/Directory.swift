internal import Messages

/// The city's regions and agencies, from intake, with the names the report prints.
struct Directory: Sendable {
    /// The city region (市本级); nil when intake has none yet.
    var city: IntakeV1.Region?
    /// Counties, districts and zones, in intake's order (division code).
    var regions: [IntakeV1.Region]
    /// Every agency, in intake's order (region, then name).
    var agencies: [IntakeV1.Agency]
    var regionNames: [String: String]
    var agencyNames: [String: String]

    init(regions all: [IntakeV1.Region], agencies: [IntakeV1.Agency]) {
        city = all.first { $0.regionKind == .city }
        regions = all.filter { $0.regionKind != .city }
        self.agencies = agencies
        regionNames = Dictionary(all.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        agencyNames = Dictionary(agencies.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    var cityName: String { city?.name ?? "全市" }

    /// The city region's own name in tables: "淮州市本级".
    var cityRegionName: String { (city?.name ?? "") + "本级" }

    func regionName(_ id: String) -> String { regionNames[id] ?? id }

    func agencyName(_ id: String) -> String { agencyNames[id] ?? id }
}
