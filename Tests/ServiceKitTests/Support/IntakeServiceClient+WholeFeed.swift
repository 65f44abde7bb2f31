import GRPC
import Messages
import Stubs

extension Shuangjiang.Intake.V1.IntakeService.Client {
    /// Intake's whole feed as it stands, read with stop_at_head: the truth to compare a follower with.
    func wholeFeed() async throws -> [FeedEntry] {
        var request = Shuangjiang.Intake.V1.WatchEventsRequest()
        request.stopAtHead = true
        var entries: [FeedEntry] = []
        for try await event in watchEvents(request, options: CallOptions(timeout: .seconds(10))).responses {
            entries.append(FeedEntry(event))
        }
        return entries
    }

    func head() async throws -> Int64 {
        try await getFeedHead(Shuangjiang.Intake.V1.GetFeedHeadRequest(), options: CallOptions(timeout: .seconds(5)))
            .sequence
    }
}
