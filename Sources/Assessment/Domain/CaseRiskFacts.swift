public import SharedDomain

/// What risk scoring knows of one first-instance litigation case, each fact with the day it
/// became true, so the case can be scored as of any day (a past month's screening, a backtest)
/// from the same record. Pure values; the service builds them from intake's snapshots.
public struct CaseRiskFacts: Equatable, Sendable {
    public var caseKey: Int64
    public var docketNumber: String
    public var regionKey: Int64
    public var agencyKey: Int64
    /// intake.v1.CaseCategory's number.
    public var category: Int32
    public var filedOn: CivilDate
    /// The day the first instance concluded or the suit was withdrawn.
    public var concludedOn: CivilDate?
    /// 0 when not known, which counts as 1.
    public var plaintiffCount: Int32
    /// The first hearing scheduled, and the day it was known: when it was recorded, or the
    /// hearing day itself if that came first (history recorded after the fact).
    public var hearingOn: CivilDate?
    public var hearingKnownOn: CivilDate?
    /// The first head appearance (负责人出庭).
    public var headAppearedOn: CivilDate?
    /// The first pre-litigation mediation that ended failed, and the first partly resolved.
    public var mediationFailedOn: CivilDate?
    public var mediationPartialOn: CivilDate?
    /// When each related opinion incident was detected, earliest first.
    public var opinionsDetectedOn: [CivilDate]

    public init(
        caseKey: Int64, docketNumber: String, regionKey: Int64, agencyKey: Int64, category: Int32, filedOn: CivilDate,
        concludedOn: CivilDate? = nil, plaintiffCount: Int32 = 1, hearingOn: CivilDate? = nil,
        hearingKnownOn: CivilDate? = nil, headAppearedOn: CivilDate? = nil, mediationFailedOn: CivilDate? = nil,
        mediationPartialOn: CivilDate? = nil, opinionsDetectedOn: [CivilDate] = []
    ) {
        self.caseKey = caseKey
        self.docketNumber = docketNumber
        self.regionKey = regionKey
        self.agencyKey = agencyKey
        self.category = category
        self.filedOn = filedOn
        self.concludedOn = concludedOn
        self.plaintiffCount = plaintiffCount
        self.hearingOn = hearingOn
        self.hearingKnownOn = hearingKnownOn ?? hearingOn
        self.headAppearedOn = headAppearedOn
        self.mediationFailedOn = mediationFailedOn
        self.mediationPartialOn = mediationPartialOn
        self.opinionsDetectedOn = opinionsDetectedOn.sorted()
    }

    /// Whether the case is open at the start of `day`: filed by then and not concluded before it
    /// (a case concluding on `day` is still open that morning).
    public func isOpen(on day: CivilDate) -> Bool {
        filedOn <= day && (concludedOn.map { $0 >= day } ?? true)
    }

    /// Days from filing to `day`.
    public func daysOpen(on day: CivilDate) -> Int64 { day.daysSinceEpoch - filedOn.daysSinceEpoch }
}
