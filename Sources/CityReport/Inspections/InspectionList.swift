public import SharedDomain

/// The quarter's special-inspection list (专项监督检查名单) and the rule that made it.
public struct InspectionList: Sendable, Hashable {
    public enum Reason: Sendable, Hashable {
        /// 案发率高: its place among the agencies by cases filed (1 = most).
        case highIncidence(place: Int)
        /// 纠错率高.
        case highCorrection
    }

    public struct Entry: Sendable, Hashable {
        public var candidate: InspectionCandidate
        public var reasons: [Reason]

        public init(candidate: InspectionCandidate, reasons: [Reason]) {
            self.candidate = candidate
            self.reasons = reasons
        }
    }

    public var cityName: String
    public var quarter: CalendarPeriod
    public var rule: InspectionRule
    /// How many agencies the rule was applied to (every agency of the city).
    public var agenciesConsidered: Int
    /// The fewest cases that put an agency on the list for incidence: the count at the last of the
    /// top places, or the rule's minimum if that is higher (nil when there are no agencies).
    public var volumeCutoff: Int64?
    /// The city's lost-or-corrected rate the correction rule compares with.
    public var cityRate: RateFigure
    /// Agencies meeting both rules first, then by cases filed, then by name.
    public var entries: [Entry]

    public init(
        cityName: String, quarter: CalendarPeriod, rule: InspectionRule, agenciesConsidered: Int, volumeCutoff: Int64?,
        cityRate: RateFigure, entries: [Entry]
    ) {
        self.cityName = cityName
        self.quarter = quarter
        self.rule = rule
        self.agenciesConsidered = agenciesConsidered
        self.volumeCutoff = volumeCutoff
        self.cityRate = cityRate
        self.entries = entries
    }
}
