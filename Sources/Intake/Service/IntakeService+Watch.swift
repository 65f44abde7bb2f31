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
            after: request.afterSequence, stopAtHead: request.stopAtHead, to: response, Self.change)
    }

    /// A feed row as the ChangeEvent clients see: the stored change plus its position and time.
    @Sendable static func change(_ event: FeedEvent) throws -> V1.ChangeEvent {
        var change = try V1.ChangeEvent(storedBytes: event.payload)
        change.sequence = event.seq
        change.committedAt = Instant(milliseconds: event.committedAt).timestamp
        return change
    }
}
