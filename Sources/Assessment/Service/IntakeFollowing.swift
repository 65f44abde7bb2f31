internal import GRPC
internal import Logging
internal import Messages
internal import ServiceKit
internal import Synchronization

/// Assessment's two background tasks share this: the follower of intake's feed (made once the
/// server listens, when the channel to intake can be had) and the progress answers report.
final class IntakeFollowing: Sendable {
    typealias Follower = FeedFollower<Shuangjiang.Intake.V1.WatchEventsRequest, Shuangjiang.Intake.V1.ChangeEvent>

    private let follower = Mutex<Follower?>(nil)

    var current: Follower? { follower.withLock { $0 } }

    func set(_ value: Follower) { follower.withLock { $0 = value } }

    /// For answers: applied, head and connection; before the follower exists, nothing is known.
    var progress: FeedProgress {
        guard let status = current?.status else { return FeedProgress(applied: 0, upstreamHead: nil, connected: false) }
        return FeedProgress(
            applied: status.appliedSequence, upstreamHead: status.upstreamHead, connected: status.isConnected)
    }
}

/// Follows intake's WatchEvents into assessment's tables, exactly once (the kit's follower), and
/// logs each connection change.
struct IntakeFollowerTask: BackgroundTask {
    /// Events a write applies at most. A follower that is caught up writes what has arrived
    /// (a few events), so this bounds only a catch-up: larger writes mean fewer commits, and a
    /// case changed several times within one write has its rows written once. The replay
    /// benchmark (a million changes) measured 1,024 → 8,192 → 16,384 → 32,768 at about 22.7k →
    /// 26.4k → 28-29k → 30.8k changes/s. Since the monthly review reads the write's rows in
    /// memory instead of making it write them first, a larger write pays more: 16,384 → 32,768
    /// → 65,536 → 131,072 at about 36k → 41k → 41-43k → 47k. 65,536 keeps a write near a second
    /// and a half, so a catching-up assessment's answers move on at least that often, and the
    /// buffered events (one write ahead) to some tens of megabytes.
    static let maxBatchSize = 65_536
    let name = "intake-follower"
    let environment: ServiceEnvironment
    let service: AssessmentService
    let following: IntakeFollowing

    func run() async throws {
        let logger = environment.logger
        var configuration = FeedFollowerConfiguration()
        configuration.maxBatchSize = Self.maxBatchSize
        // The next batch arrives while one is written; more would only hold more memory (a
        // catch-up's events are most of what a follower holds).
        configuration.bufferCapacity = Self.maxBatchSize
        let follower = IntakeFollowing.Follower(
            name: "intake", upstream: .intake(try environment.channel(to: "intake")), database: environment.database,
            configuration: configuration,
            onStateChange: { state in
                switch state {
                case .connected: logger.info("following intake")
                case .reconnecting(let error, let attempt, let delay):
                    logger.warning(
                        "intake feed lost; reconnecting",
                        metadata: ["error": "\(error)", "attempt": "\(attempt)", "delay": "\(delay)"])
                case .connecting, .stopped: break
                }
            }, onApplied: { [service] _ in service.intakeApplied.signal() }, applyBatch: service.projection)
        following.set(follower)
        await follower.run()
    }
}

/// While assessment is caught up with intake, feed time is the wall clock: this judges what falls
/// due (closed quarters, opinion deadlines) once a second, and just past an opinion deadline's due
/// time when that comes sooner.
struct JudgingTimerTask: BackgroundTask {
    let name = "judging-timer"
    let service: AssessmentService
    let following: IntakeFollowing
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled {
            try await service.sleepUntilNextDue(atMost: .seconds(1))
            guard let status = following.current?.status, status.isConnected, status.lag == 0 else { continue }
            do {
                try await service.judgeDue()
                try await service.judgeOpinionDeadlines()
            } catch {
                logger.error("judging failed", metadata: ["error": "\(error)"])
            }
        }
    }
}
