internal import Messages

/// The agencies of the synthetic city: the city government and its departments, and for each
/// county, district and zone its government (or zone committee), departments and township
/// governments or street offices.
enum AgencyCatalog {
    typealias V1 = Shuangjiang.Intake.V1

    /// One agency before it is placed: name, type, class and how many cases and incidents it draws.
    private struct Entry {
        let name: String
        let type: V1.AgencyType
        let agencyClass: AgencyClass
        let cases: Double
        let opinions: Double
    }

    /// City-level departments draw more cases each than a county's, as they decide more.
    private static let cityScale = 1.6

    static func build(regions: [RegionPlan], rng: inout SeededRandom) -> [AgencyPlan] {
        var agencies: [AgencyPlan] = []
        let cityBody = Court.reconsiderationBody(
            government: "\(SyntheticCityNames.city)人民政府", short: SyntheticCityNames.cityShort)
        let provinceBody = Court.reconsiderationBody(
            government: "\(SyntheticCityNames.province)人民政府", short: SyntheticCityNames.provinceShort)
        for region in regions {
            let government = region.isCity ? SyntheticCityNames.city + "人民政府" : region.name + "人民政府"
            let countyBody = Court.reconsiderationBody(government: government, short: region.shortName)
            for entry in entries(for: region) {
                let index = agencies.count
                let level: V1.AgencyLevel =
                    region.isCity ? .city : entry.agencyClass == .townshipGovernment ? .township : .county
                let court: Court
                switch entry.agencyClass {
                case .cityGovernment, .countyGovernment, .zoneCommittee: court = .intermediate
                default: court = region.isCounty ? .countyBasic : .urbanBasic
                }
                let body: Court
                switch entry.agencyClass {
                case .cityGovernment: body = provinceBody
                case .countyDepartment, .townshipGovernment: body = region.isZone ? cityBody : countyBody
                default: body = cityBody
                }
                let scale = region.isCity ? cityScale : region.volume
                agencies.append(
                    AgencyPlan(
                        index: index, regionIndex: region.index, name: entry.name, type: entry.type, level: level,
                        agencyClass: entry.agencyClass,
                        creditCode: CreditCode.make(divisionCode: region.divisionCode, serial: index, rng: &rng),
                        caseWeight: entry.cases * scale * rng.double(in: 0.7...1.3),
                        opinionWeight: entry.opinions * scale * rng.double(in: 0.7...1.3),
                        lossEffect: LossModel.agencySpread * rng.normal(),
                        lateness: rng.chance(0.15) ? rng.double(in: 2.0...3.0) : rng.double(in: 0.6...1.4),
                        heads: heads(of: entry, region: region, rng: &rng), firstInstanceCourt: court,
                        reconsiderationBody: body))
            }
        }
        return agencies
    }

    private static func entries(for region: RegionPlan) -> [Entry] {
        let city = SyntheticCityNames.city
        if region.isCity {
            return [
                Entry(
                    name: city + "人民政府", type: .peoplesGovernment, agencyClass: .cityGovernment, cases: 2.0,
                    opinions: 1.0),
                department(city + "自然资源和规划局", .naturalResources, 1.2, 0.6, .cityDepartment),
                department(city + "住房和城乡建设局", .housing, 1.0, 1.2, .cityDepartment),
                department(city + "人力资源和社会保障局", .humanResourcesSocialSecurity, 1.8, 0.5, .cityDepartment),
                department(city + "公安局", .publicSecurity, 1.2, 2.0, .cityDepartment),
                department(city + "市场监督管理局", .marketRegulation, 1.0, 1.2, .cityDepartment),
                department(city + "生态环境局", .ecologyEnvironment, 0.5, 0.8, .cityDepartment),
                department(city + "城市管理局", .urbanManagement, 0.5, 0.8, .cityDepartment),
                department("国家税务总局" + city + "税务局", .tax, 0.3, 0.3, .cityDepartment),
                department(city + "民政局", .civilAffairs, 0.3, 0.4, .cityDepartment),
                department(city + "交通运输局", .other, 0.5, 0.6, .cityDepartment),
                department(city + "教育局", .other, 0.3, 1.0, .cityDepartment),
                department(city + "医疗保障局", .other, 0.3, 0.4, .cityDepartment),
            ]
        }
        let name = region.name
        var entries: [Entry]
        if region.isZone {
            entries = [
                Entry(name: name + "管理委员会", type: .other, agencyClass: .zoneCommittee, cases: 2.0, opinions: 0.8),
                department(name + "规划建设局", .housing, 0.8, 0.5, .countyDepartment),
                department(name + "综合行政执法局", .urbanManagement, 0.8, 0.6, .countyDepartment),
                department(name + "社会事业局", .humanResourcesSocialSecurity, 0.4, 0.4, .countyDepartment),
            ]
        } else {
            let district = region.kind == .district
            entries = [
                Entry(
                    name: name + "人民政府", type: .peoplesGovernment, agencyClass: .countyGovernment, cases: 2.4,
                    opinions: 1.2),
                department(
                    district ? "\(city)自然资源和规划局\(name)分局" : name + "自然资源和规划局", .naturalResources, 1.2, 0.5,
                    .countyDepartment),
                department(name + "住房和城乡建设局", .housing, 1.0, 1.0, .countyDepartment),
                department(name + "人力资源和社会保障局", .humanResourcesSocialSecurity, 1.3, 0.4, .countyDepartment),
                department(
                    district ? "\(city)公安局\(name)分局" : name + "公安局", .publicSecurity, 1.0, 1.5, .countyDepartment),
                department(name + "市场监督管理局", .marketRegulation, 0.8, 0.9, .countyDepartment),
                department(name + "综合行政执法局", .urbanManagement, 0.8, 0.8, .countyDepartment),
                department("\(city)生态环境局\(name)分局", .ecologyEnvironment, 0.3, 0.6, .countyDepartment),
                department(name + "民政局", .civilAffairs, 0.3, 0.3, .countyDepartment),
                department(name + "教育局", .other, 0.2, 0.8, .countyDepartment),
            ]
        }
        for township in region.townships {
            let full = township.hasSuffix("街道") ? name + township + "办事处" : name + township + "人民政府"
            entries.append(
                Entry(name: full, type: .peoplesGovernment, agencyClass: .townshipGovernment, cases: 0.5, opinions: 0.4)
            )
        }
        return entries
    }

    private static func department(
        _ name: String, _ type: V1.AgencyType, _ cases: Double, _ opinions: Double, _ agencyClass: AgencyClass
    ) -> Entry {
        Entry(name: name, type: type, agencyClass: agencyClass, cases: cases, opinions: opinions)
    }

    /// A principal and two deputies; the second deputy is the one in charge of legal affairs
    /// (分管负责人) who appears most often.
    private static func heads(of entry: Entry, region: RegionPlan, rng: inout SeededRandom) -> [AgencyHead] {
        let principal: String
        switch entry.agencyClass {
        case .cityGovernment: principal = "市长"
        case .countyGovernment: principal = region.headTitle
        case .zoneCommittee: principal = "主任"
        case .townshipGovernment: principal = entry.name.hasSuffix("办事处") ? "主任" : "镇长"
        case .cityDepartment, .countyDepartment: principal = "局长"
        }
        return [
            AgencyHead(name: PersonNames.draw(&rng), position: principal, rank: .principal),
            AgencyHead(name: PersonNames.draw(&rng), position: "副" + principal, rank: .deputy),
            AgencyHead(name: PersonNames.draw(&rng), position: "副" + principal, rank: .inCharge),
        ]
    }
}
