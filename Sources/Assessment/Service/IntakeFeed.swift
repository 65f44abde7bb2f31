public import GRPC
public import Messages
public import ServiceKit
internal import Stubs

extension UpstreamFeed
where Request == Shuangjiang.Intake.V1.WatchEventsRequest, Event == Shuangjiang.Intake.V1.ChangeEvent {
    /// Intake's change feed as assessment follows it: WatchEvents from a sequence, and GetFeedHead
    /// for the lag.
    public static func intake(_ channel: Channel) -> Self {
        let client = Shuangjiang.Intake.V1.IntakeService.Client(channel: channel)
        return UpstreamFeed(
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
