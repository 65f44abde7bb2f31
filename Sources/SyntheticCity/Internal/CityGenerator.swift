internal import Messages
internal import SharedDomain

/// Builds a synthetic city from its parameters, stage by stage: regions and agencies, the
/// first-instance case records, reconsideration outcomes, litigation paths and outcomes with
/// appeals and retrials, opinion incidents, docket numbers, and finally the rendered requests
/// and the timeline. Each stage draws from its own random stream.
struct CityGenerator {
    typealias V1 = Shuangjiang.Intake.V1

    let parameters: CityParameters
    let today: CivilDate
    let now: Instant
    var regions: [RegionPlan] = []
    var agencies: [AgencyPlan] = []
    var records: [RecordPlan] = []
    var opinions: [OpinionPlan] = []
    /// Per agency, the days and categories of its reconsideration decisions that were corrected.
    var corrections: [[(day: CivilDate, category: V1.CaseCategory)]] = []

    init(_ parameters: CityParameters) {
        precondition(parameters.years >= 1, "at least one year of history")
        precondition((1...RegionBlueprint.all.count).contains(parameters.regionCount), "1-12 regions")
        self.parameters = parameters
        today = parameters.lastDay
        now = today.at(hour: 20)
    }

    func stream(_ id: UInt64) -> SeededRandom { SeededRandom(seed: parameters.seed, stream: id) }

    func yearOffset(_ date: CivilDate) -> Int { Int(date.year - parameters.firstYear) }

    mutating func run() -> SyntheticCity {
        placeRegionsAndAgencies()
        drawFirstInstanceRecords()
        planReconsideration()
        planLitigation()
        planOpinions()
        return render()
    }

    mutating func placeRegionsAndAgencies() {
        var rng = stream(1)
        var effects = (0...parameters.regionCount).map { _ in LossModel.regionSpread * rng.normal() }
        // The city region (index 0) is not a county; the worst county gets the problem bump.
        effects[0] = 0
        let worst = (1...parameters.regionCount).max { effects[$0] < effects[$1] } ?? 1
        effects[worst] += LossModel.problemRegion
        regions = [
            RegionPlan(
                index: 0, name: SyntheticCityNames.city, shortName: SyntheticCityNames.cityShort, kind: .city,
                divisionCode: SyntheticCityNames.divisionCode, volume: 1, townships: [], headTitle: "市长",
                lossEffect: effects[0])
        ]
        for (offset, blueprint) in RegionBlueprint.all.prefix(parameters.regionCount).enumerated() {
            regions.append(
                RegionPlan(
                    index: offset + 1, name: blueprint.name, shortName: blueprint.shortName, kind: blueprint.kind,
                    divisionCode: blueprint.divisionCode, volume: blueprint.volume, townships: blueprint.townships,
                    headTitle: blueprint.headTitle, lossEffect: effects[offset + 1]))
        }
        var agencyRng = stream(2)
        agencies = AgencyCatalog.build(regions: regions, rng: &agencyRng)
        corrections = Array(repeating: [], count: agencies.count)
    }

    /// Relative filing volume by month: the Spring Festival dip in February, the National Day
    /// week in October, the year-end push in December.
    private static let monthWeights: [Double] = [0.9, 0.6, 1.1, 1.0, 1.0, 1.1, 1.0, 0.9, 1.0, 0.8, 1.1, 1.2]

    mutating func drawFirstInstanceRecords() {
        var rng = stream(3)
        let agencyWeights = agencies.map { ($0.index, $0.caseWeight) }
        for offset in 0..<parameters.years {
            let year = parameters.firstYear + Int32(offset)
            var days: [(CivilDate, Double)] = []
            var fullYear = 0.0
            var day = CivilDate(year: year, month: 1, day: 1)!
            while day.year == year {
                if day.isWorkingDay {
                    let weight = Self.monthWeights[Int(day.month) - 1]
                    fullYear += weight
                    if day <= today { days.append((day, weight)) }
                }
                day = day.plus(1)
            }
            guard !days.isEmpty else { break }
            var volume = Double(parameters.casesPerYear)
            for _ in 0..<offset { volume *= parameters.volumeRetention }
            let available = days.reduce(0) { $0 + $1.1 }
            let count = Int((volume * available / fullYear).rounded())
            for _ in 0..<count {
                let filedOn = rng.weighted(days)
                let agency = agencies[rng.weighted(agencyWeights)]
                let kind: V1.CaseKind = rng.chance(parameters.reconsiderationShare) ? .reconsideration : .litigation
                records.append(skeleton(kind: kind, agency: agency, filedOn: filedOn, rng: &rng))
            }
        }
        records.sort { ($0.filedOn, $0.sequence) < ($1.filedOn, $1.sequence) }
    }

    private func skeleton(kind: V1.CaseKind, agency: AgencyPlan, filedOn: CivilDate, rng: inout SeededRandom)
        -> RecordPlan
    {
        let category = rng.weighted(CategoryMix.weights(for: agency))
        let detail = CategoryMix.detail(category, agency: agency, rng: &rng)
        let groupProne: Set<V1.CaseCategory> = [.expropriation, .agreement, .indemnity, .coerciveEnforcement]
        var count: Int32 = 1
        if rng.chance(groupProne.contains(category) ? 0.25 : 0.05) {
            if groupProne.contains(category) {
                let size = rng.weighted([(2...4, 50.0), (5...12, 35), (13...40, 15)])
                count = Int32(rng.int(in: size))
            } else {
                count = Int32(rng.int(in: 2...3))
            }
        }
        if rng.chance(0.04) { count = 0 }
        let businessProne: Set<V1.CaseCategory> = [.penalty, .licensing, .registration, .agreement]
        let legal = businessProne.contains(category) ? 0.25 : 0.12
        let plaintiffKind: V1.PlaintiffKind = rng.weighted([
            (.naturalPerson, 1 - legal - 0.03), (.legalPerson, legal), (.otherOrganization, 0.03),
        ])
        return RecordPlan(
            sequence: records.count, kind: kind, instance: .first, agency: agency.index, region: agency.regionIndex,
            category: category, detail: detail, plaintiffKind: plaintiffKind, plaintiffCount: count, filedOn: filedOn,
            court: kind == .reconsideration ? agency.reconsiderationBody : agency.firstInstanceCourt)
    }
}
