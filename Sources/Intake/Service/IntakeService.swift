internal import GRPC
internal import GRPCCore
public import Messages
public import ServiceKit
public import SharedDomain
public import Storage
public import Stubs

/// The intake service (收案): regions, agencies, cases and their events, opinion incidents and the
/// change feed, over one SQLite database.
///
/// Every handler validates its request completely before touching storage, then does all its
/// reads and writes in one write request (one request of a group commit), so a failed call
/// leaves nothing behind and an acknowledged one is durable. The domain rules live in Domain/;
/// this type only moves data between protobuf, the rules and the tables. Request ids, paging,
/// validation, error statuses and the feed come from ServiceKit.
public final class IntakeService: Shuangjiang.Intake.V1.IntakeService.ServiceProtocol, StoredService {
    public typealias V1 = Shuangjiang.Intake.V1

    public let database: Database
    let clock: any WallClock
    /// The city's zone, for calendar dates ("not in the future", periods).
    let timeZone: CityTimeZone

    public init(database: Database, clock: any WallClock = SystemClock(), timeZone: CityTimeZone = .shanghai) {
        self.database = database
        self.clock = clock
        self.timeZone = timeZone
    }

    /// The stored bytes one page of ListCases or ListOpinions may carry: under the 4 MiB message
    /// limit of stock clients, with room for the rest of the response (an opinion gains its
    /// deadlines on the way out). Bounded text alone does not keep a page under it: 500 cases with
    /// a few long notes each are more.
    static let listPageBytes = 3 * 1024 * 1024

    /// Today in the city, for "not in the future" date rules.
    func today(at now: Instant) -> CivilDate? {
        timeZone.date(of: now)
    }

    /// Appends a change to the feed in the caller's write request. Sequence and commit time are the
    /// feed's own; WatchEvents fills them in when it sends the change.
    static func publish(_ tx: WriteTransaction, _ change: V1.ChangeEvent.Change, kind: String) throws {
        var event = V1.ChangeEvent()
        event.change = change
        try tx.appendEvent(kind: kind, payload: try event.serializedBytes())
    }

    /// Publishes `case_filed` with the case's stored bytes as they are: the change is the
    /// ChangeEvent field `case_filed` (5) holding them, so the record is not encoded twice.
    static func publishCaseFiled(_ tx: WriteTransaction, body: [UInt8]) throws {
        var payload: [UInt8] = []
        payload.reserveCapacity(body.count + 6)
        ProtoWire.appendLengthDelimited(field: 5, body, to: &payload)
        try tx.appendEvent(kind: "case_filed", payload: payload)
    }

    /// Publishes `case_event_recorded` from stored bytes: ChangeEvent field
    /// `case_event_recorded` (6) holding a CaseEventRecorded of `event` (1, absent when a linked
    /// record changed the case) and `snapshot` (2).
    static func publishCaseEventRecorded(_ tx: WriteTransaction, event: [UInt8]?, snapshot: [UInt8]) throws {
        var change: [UInt8] = []
        change.reserveCapacity((event?.count ?? 0) + snapshot.count + 12)
        if let event { ProtoWire.appendLengthDelimited(field: 1, event, to: &change) }
        ProtoWire.appendLengthDelimited(field: 2, snapshot, to: &change)
        var payload: [UInt8] = []
        ProtoWire.appendLengthDelimited(field: 6, change, to: &payload)
        try tx.appendEvent(kind: "case_event_recorded", payload: payload)
    }
}
