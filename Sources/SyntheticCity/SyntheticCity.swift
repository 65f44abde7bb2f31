public import Messages
public import SharedDomain

/// A synthetic city's administrative-litigation history, generated deterministically from a
/// seed: regions, agencies, several years of cases with their life-cycle events, and opinion
/// incidents with their milestones, as the requests intake would have received. The data is
/// invented. No real city, agency, person or case is described; the city 淮州市 does not exist.
///
/// ## What is generated
/// - The city region (division code 320300) and up to twelve counties, districts and zones
///   under it (3203xx), each with its government (or zone committee), departments and
///   township governments or street offices; the city government and its departments.
/// - First-instance records, litigation (行政诉讼, at a basic court or, for governments, the
///   intermediate court) and reconsideration (行政复议, decided by the government above),
///   filed on working days with a seasonal volume that falls each year (`volumeRetention`).
///   Category (案由) follows the defendant's line of work; plaintiffs are mostly single
///   natural persons, with group suits in expropriation and demolition.
/// - Each litigation case's path: pre-litigation mediation (with a channel) that resolves some
///   cases; procedural dismissal; withdrawal; or a hearing (sometimes rescheduled) with the
///   agency head appearing at a rate that rises each year, then judgment. A would-be loss is
///   sometimes headed off by self-correction and withdrawal (改变行为后撤诉), more so each year.
/// - Appeals: tracked on the record (Appealed, then a second-instance conclusion) or as a linked
///   second-instance record (行终); a few linked ones are retried (行再).
/// - Opinion incidents, about no case or about a litigation case, with report-up, media
///   attention and the 6/12/24-hour milestones, mostly on time.
///
/// ## The loss model
/// A case decided on the merits is lost with probability logistic(b + Σ effects): the category
/// (expropriation, work-injury determination and information disclosure highest), the class of
/// defendant (county and township governments above city departments), a random region and
/// agency effect (one county made clearly worse), head appearance and speaking (lower), failed or
/// partial mediation (higher), a corrected reconsideration of the same agency and category in the
/// year before filing (higher), a related opinion incident (higher), ln(plaintiffs) and a
/// legal-person plaintiff (higher). `LossModel` holds the coefficients. The intercept b is solved
/// for each year of conclusion so that expected losses over all first-instance cases concluded
/// that year equal the year's target (`CityParameters.targetLossRate`): 12% in the first year by
/// default, then 8.9% and 7.1%, towards 5%, inside the report's band (Suqian 4.5% and 7.5%; Huzhou 8.2%,
/// 6.3%, 6.1%; Xuzhou 15.62% down to 6.86%). Mediated, withdrawn and procedurally dismissed
/// cases are never losses. docs/synthetic-city.md has the whole model.
///
/// ## Determinism
/// Everything comes from `CityParameters.seed` through xoshiro256** with per-stage streams; no
/// system randomness, no clock, no dictionary order, and only basic floating-point arithmetic, so
/// the same parameters give byte-identical requests on every platform.
///
/// ## Loading it
/// Intake assigns ids, so requests refer to regions, agencies and cases by index
/// (`SyntheticReference`); a loader replays `timeline` in order, keeps the id of everything it
/// creates, and builds each request with `request(for:resolve:)`. Set intake's clock to `now`
/// (or later): nothing is dated after it. This module has no networking.
public struct SyntheticCity: Sendable {
    public typealias V1 = Shuangjiang.Intake.V1

    public let parameters: CityParameters
    /// The last day of history, in the city's time zone.
    public let today: CivilDate
    /// 20:00 on `today`: at or after every instant in the history, so a manual clock set to it
    /// accepts every request.
    public let now: Instant
    /// The city region first (index 0), then the counties, districts and zones.
    public let regions: [V1.CreateRegionRequest]
    public let agencies: [SyntheticAgency]
    /// Every case record in filing order: first-instance records and the higher-instance records
    /// that continue them.
    public let cases: [SyntheticCase]
    /// Incidents in order of detection.
    public let opinions: [SyntheticOpinion]
    /// Each region's random effect on the log-odds of a loss (ground truth), by region index.
    public let regionLossEffects: [Double]
    /// Every request in the order it would have been sent.
    public let timeline: [TimelineStep]

    /// Generates the city; the same parameters always give the same city.
    public init(_ parameters: CityParameters) {
        var generator = CityGenerator(parameters)
        self = generator.run()
    }

    init(
        parameters: CityParameters, today: CivilDate, now: Instant, regions: [V1.CreateRegionRequest],
        agencies: [SyntheticAgency], cases: [SyntheticCase], opinions: [SyntheticOpinion], regionLossEffects: [Double],
        timeline: [TimelineStep]
    ) {
        self.parameters = parameters
        self.today = today
        self.now = now
        self.regions = regions
        self.agencies = agencies
        self.cases = cases
        self.opinions = opinions
        self.regionLossEffects = regionLossEffects
        self.timeline = timeline
    }

    /// The request for one timeline step, with ids from `resolve` (which must know every entity
    /// created by an earlier step). Case events and milestones carry the version they expect when
    /// the timeline is replayed in order.
    public func request(for step: TimelineStep, resolve: (SyntheticReference) -> String) -> IntakeRequest {
        switch step.action {
        case .createRegion(let index):
            .createRegion(regions[index])
        case .createAgency(let index):
            .createAgency(agencies[index].request(resolve: resolve))
        case .fileCase(let index):
            .fileCase(cases[index].filing(resolve: resolve))
        case .recordCaseEvent(let index, let ordinal):
            .recordCaseEvent(cases[index].events[ordinal].request(caseId: resolve(.caseRecord(index))))
        case .reportOpinion(let index):
            .reportOpinion(opinions[index].report(resolve: resolve))
        case .recordOpinionMilestone(let index, let ordinal):
            .recordOpinionMilestone(opinions[index].milestones[ordinal].request(opinionId: resolve(.opinion(index))))
        }
    }
}
