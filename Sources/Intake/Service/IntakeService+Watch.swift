public import GRPC
public import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

extension IntakeService {
    public func watchEvents(
        _ request: V1.WatchEventsRequest, response: ResponseWriter<V1.ChangeEvent>, context: ServerContext
    ) async throws {
        try await FeedServer(database: database).serve(
            after: request.afterSequence, stopAtHead: request.stopAtHead, to: response, encoded: Self.encodedChange)
    }

    /// A feed row as the ChangeEvent clients see, encoded: its position (field 1) and commit time
    /// (2) and then the stored change, which holds only the `change` member (3 and up, see
    /// ``publish(_:_:kind:)``). Fields in number order with zeros left out, so the bytes are the
    /// ones protobuf-c would make of the decoded event; splicing instead of decoding and encoding
    /// each change again was two fifths of the serving loop's time while a follower caught up.
    static func encodedChange(_ event: FeedEvent) -> [UInt8] {
        // A stored change starting with field 1 or 2 would be spliced into a second copy of them.
        assert(event.payload.first.map { $0 >> 3 >= 3 } ?? true, "a stored change holds only the change member")
        let instant = Instant(milliseconds: event.committedAt)
        var timestamp: [UInt8] = []
        if instant.seconds != 0 { ProtoWire.appendVarint(field: 1, instant.seconds, to: &timestamp) }
        if instant.nanos != 0 { ProtoWire.appendVarint(field: 2, Int64(instant.nanos), to: &timestamp) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(event.payload.count + timestamp.count + 14)
        if event.seq != 0 { ProtoWire.appendVarint(field: 1, event.seq, to: &bytes) }
        ProtoWire.appendLengthDelimited(field: 2, timestamp, to: &bytes)
        bytes.append(contentsOf: event.payload)
        return bytes
    }
}
