public import SharedDomain

/// A region projected to cross the line in a quarter (PROJECTED_CROSSING, 预测预警), from
/// ListAlerts. The projection is an estimate, so it comes as fractions for display; nothing is
/// decided by comparing them.
public struct Forecast: Sendable, Hashable {
    public var regionName: String
    public var quarter: CalendarPeriod
    public var projectedRate: Double
    public var low: Double
    public var high: Double
    public var threshold: Double
    /// The service's sentence.
    public var explanation: String
    /// The day the alert was raised, in the city's time zone.
    public var raisedOn: CivilDate?

    public init(
        regionName: String, quarter: CalendarPeriod, projectedRate: Double, low: Double, high: Double,
        threshold: Double,
        explanation: String, raisedOn: CivilDate? = nil
    ) {
        self.regionName = regionName
        self.quarter = quarter
        self.projectedRate = projectedRate
        self.low = low
        self.high = high
        self.threshold = threshold
        self.explanation = explanation
        self.raisedOn = raisedOn
    }
}
