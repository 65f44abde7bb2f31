internal import GRPC
internal import GRPCCore
public import Messages
public import ServiceKit
public import SharedDomain
public import Storage
public import Stubs

/// The accountability service (追责问责): referrals through their four steps, monthly batches,
/// escalations, supervised cases and statistics. Fed by assessment's alert feed (AlertActions
/// applies it; the host's follower delivers it) and by people; asks intake about the regions,
/// agencies, cases and incidents a request names. Domain rules live in Domain/.
///
/// Every handler validates its request completely, asks intake what it must, then does all its
/// reads and writes in one write request, so a failed call leaves nothing and an acknowledged one
/// is durable.
public final class AccountabilityService: Shuangjiang.Accountability.V1.AccountabilityService.ServiceProtocol,
    StoredService
{
    public typealias V1 = Shuangjiang.Accountability.V1

    public let database: Database
    /// The rules file's accountability section; replaced on SIGHUP. Read once per call or alert.
    let ruleSource: Reloadable<AccountabilityRules>
    var rules: AccountabilityRules { ruleSource.current }
    let clock: any WallClock
    let timeZone: CityTimeZone
    let intake: any IntakeDirectory
    /// Woken by every write that may move the earliest reminder or deadline.
    public let alarm = SupervisionAlarm()

    public convenience init(
        database: Database, rules: AccountabilityRules = AccountabilityRules(), clock: any WallClock = SystemClock(),
        timeZone: CityTimeZone = .shanghai, intake: any IntakeDirectory
    ) {
        self.init(database: database, rules: Reloadable(rules), clock: clock, timeZone: timeZone, intake: intake)
    }

    /// - Parameter rules: read afresh for every call and alert, so a reload takes effect at once.
    public init(
        database: Database, rules: Reloadable<AccountabilityRules>, clock: any WallClock = SystemClock(),
        timeZone: CityTimeZone = .shanghai, intake: any IntakeDirectory
    ) {
        self.database = database
        self.ruleSource = rules
        self.clock = clock
        self.timeZone = timeZone
        self.intake = intake
    }

    /// The stored bytes one page of a list may carry: under stock clients' 4 MiB message limit.
    static let listPageBytes = 3 * 1024 * 1024

    /// A few seconds of clock skew between a caller and us are tolerated in "not in the future".
    static let clockSkewSeconds: Int64 = 5

    /// How assessment's alerts are acted on: the follower calls it inside the write that advances
    /// its cursor, so each alert acts exactly once.
    public var alertActions: @Sendable (WriteTransaction, Shuangjiang.Assessment.V1.Alert) throws -> Void {
        let (source, timeZone, clock, alarm) = (ruleSource, timeZone, clock, alarm)
        return { tx, alert in
            try AlertActions(rules: source.current, timeZone: timeZone, clock: clock, alarm: alarm).apply(tx, alert)
        }
    }

    /// Today in the city.
    func today(at now: Instant) -> CivilDate? { timeZone.date(of: now) }

    /// An instant as people in the city read it, for messages: "2024-03-01 09:30:00 (Asia/Shanghai)".
    func label(_ instant: Instant) -> String {
        let local = instant.seconds + timeZone.utcOffsetSeconds
        let second = ((local % 86_400) + 86_400) % 86_400
        let pad = { (value: Int64) in value < 10 ? "0\(value)" : "\(value)" }
        let day = timeZone.date(of: instant).map(\.description) ?? "\(instant)"
        return "\(day) \(pad(second / 3600)):\(pad(second / 60 % 60)):\(pad(second % 60)) (\(timeZone))"
    }
}
