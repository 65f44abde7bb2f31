public import SharedDomain

/// An escalation (约谈 / 检讨) of one region for one quarter, from ListEscalations.
public struct EscalationEntry: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// 约谈 by the deputy mayor in charge.
        case interview
        /// 检讨 at the city government's executive meeting.
        case selfCriticism
        case other
    }

    public enum Status: Sendable, Hashable {
        case pending
        case completed
        case cancelled
    }

    public var regionName: String
    public var quarter: CalendarPeriod
    public var kind: Kind
    public var occurrence: Int
    public var lossRate: RateFigure
    public var status: Status
    /// Who is to conduct it.
    public var convener: String
    /// Set once held.
    public var heldOn: CivilDate?
    public var conductedBy: String
    /// What was said, or why it was cancelled.
    public var summary: String

    public init(
        regionName: String, quarter: CalendarPeriod, kind: Kind, occurrence: Int, lossRate: RateFigure, status: Status,
        convener: String = "", heldOn: CivilDate? = nil, conductedBy: String = "", summary: String = ""
    ) {
        self.regionName = regionName
        self.quarter = quarter
        self.kind = kind
        self.occurrence = occurrence
        self.lossRate = lossRate
        self.status = status
        self.convener = convener
        self.heldOn = heldOn
        self.conductedBy = conductedBy
        self.summary = summary
    }
}
