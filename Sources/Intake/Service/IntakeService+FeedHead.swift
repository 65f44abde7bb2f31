public import GRPC
public import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

extension IntakeService {
    public func getFeedHead(_ request: V1.GetFeedHeadRequest, context: ServerContext) async throws -> V1.FeedHead {
        // The number published after the fsync, so the head never names a change WatchEvents
        // could not send yet.
        let sequence = database.lastCommittedSequence
        var head = V1.FeedHead()
        head.sequence = sequence
        guard sequence > 0 else { return head }
        let newest = try await read { tx in try tx.events(after: sequence - 1, limit: 1) }
        if let event = newest.first { head.committedAt = Instant(milliseconds: event.committedAt).timestamp }
        return head
    }
}
