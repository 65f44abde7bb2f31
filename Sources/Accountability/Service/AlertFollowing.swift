internal import GRPC
internal import Logging
public import Messages
public import ServiceKit
internal import Synchronization

/// The follower of assessment's alert feed, once the server listens (when the channel to
/// assessment can be had); kept so that its status can be read.
public final class AlertFollowing: Sendable {
    public typealias Follower = FeedFollower<
        Shuangjiang.Assessment.V1.WatchAlertsRequest, Shuangjiang.Assessment.V1.Alert
    >

    private let follower = Mutex<Follower?>(nil)

    public init() {}

    public var current: Follower? { follower.withLock { $0 } }

    func set(_ value: Follower) { follower.withLock { $0 = value } }
}

/// Follows assessment's WatchAlerts into accountability's tables, exactly once (the kit's
/// follower, cursor "assessment" in accountability's database), and logs connection changes.
struct AlertFollowerTask: BackgroundTask {
    let name = "alert-follower"
    let environment: ServiceEnvironment
    let service: AccountabilityService
    let following: AlertFollowing

    func run() async throws {
        let logger = environment.logger
        let follower = AlertFollowing.Follower(
            name: "assessment", upstream: .assessmentAlerts(try environment.channel(to: "assessment")),
            database: environment.database,
            onStateChange: { state in
                switch state {
                case .connected: logger.info("following assessment's alerts")
                case .reconnecting(let error, let attempt, let delay):
                    logger.warning(
                        "alert feed lost; reconnecting",
                        metadata: ["error": "\(error)", "attempt": "\(attempt)", "delay": "\(delay)"])
                case .connecting, .stopped: break
                }
            }, apply: service.alertActions)
        following.set(follower)
        await follower.run()
    }
}
