import GRPC
import Messages
import ServiceKit
import Stubs

extension UpstreamFeed
where Request == Shuangjiang.Intake.V1.WatchEventsRequest, Event == Shuangjiang.Intake.V1.ChangeEvent {
    /// Intake's change feed, as assessment will follow it.
    static func intake(_ client: Shuangjiang.Intake.V1.IntakeService.Client) -> Self {
        UpstreamFeed(
            watch: { after in
                var request = Shuangjiang.Intake.V1.WatchEventsRequest()
                request.afterSequence = after
                return client.watchEvents(request)
            },
            sequence: { $0.sequence },
            head: { options in
                try await client.getFeedHead(Shuangjiang.Intake.V1.GetFeedHeadRequest(), options: options).sequence
            },
            fingerprint: { commitTimeFingerprint($0.committedAt) })
    }
}
