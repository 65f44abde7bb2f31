public import SharedDomain

/// What assessment keeps of one intake case record: exactly the facts the indicators count, taken
/// from the record's latest snapshot on intake's feed. Pure values; the service builds them.
public struct CaseFacts: Equatable, Sendable {
    public enum Kind: Int32, Sendable {
        case litigation = 1
        case reconsideration = 2
    }

    public var kind: Kind
    /// Only first-instance records count: a linked second-instance or retrial record changes its
    /// first-instance record's effective outcome in intake, which arrives as that record's snapshot.
    public var isFirstInstance: Bool
    public var regionKey: Int64
    public var agencyKey: Int64
    public var filedOn: CivilDate
    /// When the record's own instance concluded (审结日期): the date it counts as concluded under.
    public var concludedOn: CivilDate?
    /// The outcome that counts: the effective (生效) outcome, or, while an appeal is pending, the
    /// first-instance outcome, provisionally (the judgment stands until a higher court changes it;
    /// when it does, every period the case counts in is revised).
    public var outcome: Outcome?
    public var appealed: Bool
    public var hearingScheduled: Bool
    public var headAppeared: Bool
    public var headSpoke: Bool
    public var selfCorrected: Bool
    /// The counted outcome changed after the case concluded (set by ``revised(to:)``).
    public var revised = false

    public init(
        kind: Kind, isFirstInstance: Bool, regionKey: Int64, agencyKey: Int64, filedOn: CivilDate,
        concludedOn: CivilDate? = nil, outcome: Outcome? = nil, appealed: Bool = false, hearingScheduled: Bool = false,
        headAppeared: Bool = false, headSpoke: Bool = false, selfCorrected: Bool = false
    ) {
        self.kind = kind
        self.isFirstInstance = isFirstInstance
        self.regionKey = regionKey
        self.agencyKey = agencyKey
        self.filedOn = filedOn
        self.concludedOn = concludedOn
        self.outcome = outcome
        self.appealed = appealed
        self.hearingScheduled = hearingScheduled
        self.headAppeared = headAppeared
        self.headSpoke = headSpoke
        self.selfCorrected = selfCorrected
    }

    /// The facts of a newer snapshot, remembering whether the counted outcome has ever changed
    /// after conclusion, so periods can report how many of their cases were revised, and whether
    /// the case was ever appealed.
    public func revised(to newer: CaseFacts) -> CaseFacts {
        var next = newer
        next.revised = revised || (concludedOn != nil && newer.concludedOn != nil && outcome != newer.outcome)
        // An appeal filed as a linked second-instance record shows on this record only while it is
        // pending (state APPEALED, no Appealed event); once decided or withdrawn the record is
        // CONCLUDED again, yet it was appealed.
        next.appealed = appealed || newer.appealed
        return next
    }

    /// Whether the case is a first-instance litigation record: what every litigation indicator
    /// counts.
    public var isFirstInstanceLitigation: Bool { kind == .litigation && isFirstInstance }
}
