internal import GRPC
internal import GRPCCore
public import Messages
public import Storage
public import Stubs

/// The intake service (收案): regions, agencies, cases and their events, opinion incidents and the
/// change feed, over one SQLite database.
///
/// Every handler validates its request completely before touching storage, then does all its
/// reads and writes in one write request (one request of a group commit), so a failed call
/// leaves nothing behind and an acknowledged one is durable. The domain rules live in Domain/;
/// this type only moves data between protobuf, the rules and the tables.
public final class IntakeService: Shuangjiang.Intake.V1.IntakeService.ServiceProtocol {
    public typealias V1 = Shuangjiang.Intake.V1

    let database: Database
    let clock: any IntakeClock
    /// The city's offset from UTC, for calendar dates (Asia/Shanghai: +8 h, no DST).
    let utcOffsetSeconds: Int64

    public init(database: Database, clock: any IntakeClock = SystemClock(), utcOffsetSeconds: Int64 = 8 * 3600) {
        self.database = database
        self.clock = clock
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// Today in the city, for "not in the future" date rules.
    func today(at now: Instant) -> CivilDate? {
        CivilDate.on(now, utcOffsetSeconds: utcOffsetSeconds)
    }

    /// Runs `body` as one write request, mapping storage failures to client-facing statuses.
    func write<T: Sendable>(_ body: @escaping @Sendable (WriteTransaction) throws -> T) async throws -> T {
        do {
            return try await database.write(body)
        } catch {
            throw IntakeError.translate(error)
        }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (ReadTransaction) throws -> T) async throws -> T {
        do {
            return try await database.read(body)
        } catch {
            throw IntakeError.translate(error)
        }
    }

    /// The next primary key of `resource`'s table. Safe because only the single writer thread
    /// inserts.
    static func nextKey(_ tx: WriteTransaction, _ resource: ResourceID) throws -> Int64 {
        try tx.fetchValue(Int64.self, resource.nextKeySQL) ?? 1
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

    /// The key and stored body of the `resource` with `id`, or NOT_FOUND naming `field`.
    static func body(
        _ tx: some Transaction, _ resource: ResourceID, id: String, field: String
    ) throws -> (key: Int64, body: [UInt8]) {
        guard let key = resource.parse(id),
            let body = try tx.fetchValue([UInt8].self, resource.bodySQL, key)
        else { throw IntakeError.notFound(resource, id, field: field) }
        return (key, body)
    }

    /// The key of the `resource` with `id`, or NOT_FOUND naming `field`: an existence check that
    /// leaves the body unread.
    static func key(_ tx: some Transaction, _ resource: ResourceID, id: String, field: String) throws -> Int64 {
        guard let key = resource.parse(id),
            try tx.fetchValue(Int64.self, resource.keySQL, key) != nil
        else { throw IntakeError.notFound(resource, id, field: field) }
        return key
    }

    /// The stored `resource` with `id` (a Get RPC), or NOT_FOUND naming `id`.
    func fetch<M: ProtoMessage>(_ type: M.Type, _ resource: ResourceID, id: String) async throws -> M {
        let bytes = try await read { tx in try Self.body(tx, resource, id: id, field: "id").body }
        return try Self.decode(type, bytes)
    }

    /// Decodes a stored body; a failure means the database holds something we did not write.
    static func decode<M: ProtoMessage>(_ type: M.Type, _ bytes: [UInt8]) throws -> M {
        do {
            return try M(serializedBytes: bytes)
        } catch {
            throw RPCError(
                code: .dataLoss, message: "a stored \(M.protoMessageName) could not be decoded", cause: error)
        }
    }

    static func fingerprint<M: ProtoMessage>(_ message: M) throws -> [UInt8] {
        do {
            return try message.serializedBytes()
        } catch {
            throw RPCError.invalidArgument([.init(field: "", description: "could not be encoded: \(error)")])
        }
    }
}
