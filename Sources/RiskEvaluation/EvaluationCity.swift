public import Assessment
internal import Messages
internal import ServiceKit
public import SharedDomain
public import SyntheticCity

/// A synthetic history as case risk sees it: each first-instance litigation case's dated risk
/// facts (built by the same snapshot reader the service uses, from the snapshot intake would
/// derive) with its counted outcome, every reconsideration correction, and the regions.
public struct EvaluationCity: Sendable {
    public struct Record: Sendable {
        public let facts: CaseRiskFacts
        /// The counted outcome is a loss: the effective one, or the first-instance one while an
        /// appeal is pending. False while open.
        public let lost: Bool
        /// The generator's own probability of a loss were the case decided on the merits (ground
        /// truth, unobservable effects included): a ceiling for any score, not an input.
        public let modelProbability: Double?
    }

    /// In filing order.
    public let records: [Record]
    public let corrections: [Int64: [CivilDate]]
    /// Region keys under the city (the city region itself excluded, as the judge excludes it).
    public let regions: [Int64]
    public let firstYear: Int32
    public let lastDay: CivilDate

    public init(_ city: SyntheticCity, timeZone: CityTimeZone = .shanghai) {
        var opinions: [Int: [CivilDate]] = [:]
        for opinion in city.opinions {
            guard let index = opinion.relatedCaseIndex,
                let detected = Instant(opinion.template.detectedAt).flatMap({ timeZone.date(of: $0) })
            else { continue }
            opinions[index, default: []].append(detected)
        }
        var records: [Record] = []
        var corrections: [Int64: [CivilDate]] = [:]
        for record in city.cases where record.instance == .first {
            let counted = record.finalOutcome != .unspecified ? record.finalOutcome : record.ownOutcome
            let outcome = Outcome(rawValue: counted.rawValue)
            if record.kind == .reconsideration {
                if let day = record.ownConcludedOn, outcome?.isCorrection == true {
                    corrections[Int64(record.agencyIndex + 1), default: []].append(day)
                }
                continue
            }
            guard record.kind == .litigation,
                var facts = CaseRiskFacts(snapshot: Self.snapshot(record), timeZone: timeZone)
            else { continue }
            facts.opinionsDetectedOn = (opinions[record.index] ?? []).sorted()
            records.append(
                Record(
                    facts: facts, lost: record.ownConcludedOn != nil && (outcome?.isLoss ?? false),
                    modelProbability: record.factors.map { RiskMath.logistic($0.logOdds) }))
        }
        self.records = records
        self.corrections = corrections.mapValues { $0.sorted() }
        regions = (1..<city.regions.count).map { Int64($0 + 1) }
        firstYear = city.parameters.firstYear
        lastDay = city.today
    }

    /// The snapshot intake derives from the case's filing and events, with ids in intake's form
    /// (index + 1).
    static func snapshot(_ record: SyntheticCase) -> Shuangjiang.Intake.V1.Case {
        var snapshot = Shuangjiang.Intake.V1.Case()
        snapshot.id = "case-\(record.index + 1)"
        snapshot.version = Int64(record.events.count + 1)
        snapshot.kind = record.kind
        snapshot.instance = record.instance
        snapshot.docketNumber = record.template.docketNumber
        snapshot.category = record.template.category
        snapshot.categoryDetail = record.template.categoryDetail
        snapshot.defendantAgencyId = "agency-\(record.agencyIndex + 1)"
        snapshot.regionId = "region-\(record.regionIndex + 1)"
        snapshot.filedOn = record.template.filedOn
        snapshot.plaintiffCount = record.template.plaintiffCount
        snapshot.state = record.state
        snapshot.firstInstanceOutcome = record.ownOutcome
        snapshot.finalOutcome = record.finalOutcome
        if let concluded = record.ownConcludedOn { snapshot.concludedOn = concluded.date }
        snapshot.events = record.events.map { event in
            var recorded = Shuangjiang.Intake.V1.CaseEvent()
            recorded.event = event.event
            recorded.recordedAt = event.at.timestamp
            return recorded
        }
        return snapshot
    }
}
