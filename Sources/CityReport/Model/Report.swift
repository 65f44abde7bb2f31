public import SharedDomain

/// The city report for one period (市级双降工作报告): every figure the services give for it,
/// as plain values, so it can be rendered (text, HTML) and tested without a server.
public struct Report: Sendable, Hashable {
    public var cityName: String
    public var period: CalendarPeriod
    /// The comparison period of the double-decline verdict; nil when there is none.
    public var yearEarlier: CalendarPeriod?
    /// The escalation line the charts draw: the service's, as its crossing alerts state it, else
    /// the default 10 %.
    public var threshold: Fraction
    /// The last intake change reflected in the indicators.
    public var intakeSequence: Int64
    /// When the indicators were computed, as the service says.
    public var computedAt: Instant?

    public var city: UnitFigures
    /// The city region itself (市本级) first if it has cases, then counties, districts and zones.
    public var regions: [UnitFigures]
    /// Agencies with anything filed or concluded in either period.
    public var agencies: [UnitFigures]
    /// Agencies left out of ``agencies`` because they had nothing in either period.
    public var quietAgencies: Int
    public var quarterly: QuarterlyFigures
    public var rankings: [Ranking]
    /// Every warning of the period's quarters (or of the period, for a month), green included.
    public var warnings: [WarningEntry]
    public var crossings: [Crossing]
    public var forecasts: [Forecast]
    public var escalations: [EscalationEntry]
    /// The city first, then each region.
    public var accountability: [AccountabilityFigures]
    public var opinions: OpinionComplianceFigures

    public init(
        cityName: String, period: CalendarPeriod, yearEarlier: CalendarPeriod? = nil,
        threshold: Fraction = Fraction(1, 10)!, intakeSequence: Int64 = 0, computedAt: Instant? = nil,
        city: UnitFigures,
        regions: [UnitFigures] = [], agencies: [UnitFigures] = [], quietAgencies: Int = 0, quarterly: QuarterlyFigures,
        rankings: [Ranking] = [], warnings: [WarningEntry] = [], crossings: [Crossing] = [], forecasts: [Forecast] = [],
        escalations: [EscalationEntry] = [], accountability: [AccountabilityFigures] = [],
        opinions: OpinionComplianceFigures = OpinionComplianceFigures()
    ) {
        self.cityName = cityName
        self.period = period
        self.yearEarlier = yearEarlier
        self.threshold = threshold
        self.intakeSequence = intakeSequence
        self.computedAt = computedAt
        self.city = city
        self.regions = regions
        self.agencies = agencies
        self.quietAgencies = quietAgencies
        self.quarterly = quarterly
        self.rankings = rankings
        self.warnings = warnings
        self.crossings = crossings
        self.forecasts = forecasts
        self.escalations = escalations
        self.accountability = accountability
        self.opinions = opinions
    }
}
