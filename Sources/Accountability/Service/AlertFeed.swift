public import GRPC
internal import GRPCCore
public import Messages
public import ServiceKit
internal import Stubs

extension UpstreamFeed
where Request == Shuangjiang.Assessment.V1.WatchAlertsRequest, Event == Shuangjiang.Assessment.V1.Alert {
    /// Assessment's alert feed as accountability follows it: WatchAlerts from a sequence, and the
    /// newest alert's sequence (ListAlerts is newest first) for the lag, since assessment has no
    /// head RPC of its own.
    public static func assessmentAlerts(_ channel: Channel) -> Self {
        let client = Shuangjiang.Assessment.V1.AssessmentService.Client(channel: channel)
        return UpstreamFeed(
            watch: { after in
                var request = Shuangjiang.Assessment.V1.WatchAlertsRequest()
                request.afterSequence = after
                return client.watchAlerts(request)
            },
            sequence: { $0.sequence },
            head: { options in
                var request = Shuangjiang.Assessment.V1.ListAlertsRequest()
                request.pageSize = 1
                return try await client.listAlerts(request, options: options).alerts.first?.sequence ?? 0
            },
            fingerprint: { alert in
                // Without created_at: an assessment rebuilt by replaying intake raises the same
                // alerts under the same sequences, only later (docs/operations.md).
                var alert = alert
                alert.createdAt = nil
                return contentFingerprint(alert)
            })
    }
}
