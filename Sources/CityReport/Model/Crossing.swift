public import SharedDomain

/// A region's quarter judged over the escalation line (LOSS_RATE_THRESHOLD_CROSSED), from
/// ListAlerts.
public struct Crossing: Sendable, Hashable {
    public var regionName: String
    public var quarter: CalendarPeriod
    public var lossRate: RateFigure
    /// The threshold exceeded, exactly.
    public var threshold: Fraction
    /// 1 for the first crossing in the counting window, 2 for the second, ...
    public var occurrence: Int
    public var escalation: EscalationEntry.Kind

    public init(
        regionName: String, quarter: CalendarPeriod, lossRate: RateFigure, threshold: Fraction, occurrence: Int,
        escalation: EscalationEntry.Kind
    ) {
        self.regionName = regionName
        self.quarter = quarter
        self.lossRate = lossRate
        self.threshold = threshold
        self.occurrence = occurrence
        self.escalation = escalation
    }
}
