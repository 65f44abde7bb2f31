public import GRPC
public import Messages
public import SharedDomain
public import Stubs

/// Gathers a report from the three services through their public RPCs only, reading every page
/// of every list. It never writes.
///
/// Every assessment read passes intake's feed head, as read at the start, as
/// `min_intake_sequence`: the figures include everything intake held when the report began, even
/// while assessment is still catching up (it waits, up to each call's deadline).
public struct Gatherer: Sendable {
    public typealias IntakeClient = Shuangjiang.Intake.V1.IntakeService.Client
    public typealias AssessmentClient = Shuangjiang.Assessment.V1.AssessmentService.Client
    public typealias AccountabilityClient = Shuangjiang.Accountability.V1.AccountabilityService.Client

    let intake: IntakeClient
    let assessment: AssessmentClient
    let accountability: AccountabilityClient
    /// Options for every call (a deadline, above all).
    public var callOptions: CallOptions
    /// The city's time zone, for the days of instants (alerts, hearings).
    public var timeZone: CityTimeZone = .shanghai
    /// The line the charts draw when no crossing alert of the period states the service's own.
    public var defaultThreshold = Fraction(1, 10)!
    /// How many agencies the report's agency ranking lists (the highest loss rates).
    public var agencyRankingLength = 10
    /// Calls in flight at once when asking about each agency.
    public var concurrency = 8

    public init(
        intake: IntakeClient, assessment: AssessmentClient, accountability: AccountabilityClient,
        callOptions: CallOptions = CallOptions(timeout: .seconds(60))
    ) {
        self.intake = intake
        self.assessment = assessment
        self.accountability = accountability
        self.callOptions = callOptions
    }

    /// All three on one channel: the default deployment, every service on one port.
    public init(channel: Channel, callOptions: CallOptions = CallOptions(timeout: .seconds(60))) {
        self.init(
            intake: IntakeClient(channel: channel), assessment: AssessmentClient(channel: channel),
            accountability: AccountabilityClient(channel: channel), callOptions: callOptions)
    }

    // MARK: - Shared reads

    func feedHead() async throws -> Int64 {
        try await calling(.intake) { try await intake.getFeedHead(IntakeV1.GetFeedHeadRequest(), options: callOptions) }
            .sequence
    }

    func directory() async throws -> Directory {
        let options = callOptions
        let intake = self.intake
        let regions = try await allPages { token in
            var request = IntakeV1.ListRegionsRequest()
            request.pageSize = 500
            request.pageToken = token
            let page = try await calling(.intake) { try await intake.listRegions(request, options: options) }
            return (page.regions, page.nextPageToken)
        }
        let agencies = try await allPages { token in
            var request = IntakeV1.ListAgenciesRequest()
            request.pageSize = 500
            request.pageToken = token
            let page = try await calling(.intake) { try await intake.listAgencies(request, options: options) }
            return (page.agencies, page.nextPageToken)
        }
        return Directory(regions: regions, agencies: agencies)
    }

    func indicators(
        _ scope: CommonV1.Scope.Unit, _ period: CalendarPeriod, head: Int64,
        formula: AssessmentV1.LossRateFormula = .unspecified
    ) async throws -> AssessmentV1.GetIndicatorsResponse {
        var request = AssessmentV1.GetIndicatorsRequest()
        var target = CommonV1.Scope()
        target.unit = scope
        request.scope = target
        request.period = CommonV1.Period(period)
        request.lossRateFormula = formula
        request.minIntakeSequence = head
        return try await calling(.assessment) { try await assessment.getIndicators(request, options: callOptions) }
    }

    func unitFigures(
        _ kind: UnitFigures.Kind, id: String, name: String, regionName: String = "", _ period: CalendarPeriod,
        head: Int64
    ) async throws -> UnitFigures {
        let scope: CommonV1.Scope.Unit =
            switch kind {
            case .city: .city(Google.Protobuf.Empty())
            case .region: .regionId(id)
            case .agency: .agencyId(id)
            }
        return UnitFigures(
            kind: kind, id: id, name: name, regionName: regionName, try await indicators(scope, period, head: head))
    }
}
