import Assessment
import GRPC
import GRPCTestSupport
import Messages
import ServiceKit
import SharedDomain
import Storage
import Stubs
import Synchronization
import Testing

/// Quarters are judged on feed time (alerts.proto): what a live assessment judged and what a replay
/// of intake's feed judges must agree, also when the judging timer fires while the follower has
/// not yet delivered what intake committed.
@Suite struct FeedTimeJudgingTests {
    typealias Intake = Shuangjiang.Intake.V1
    typealias V1 = Shuangjiang.Assessment.V1

    /// How far the follower got, and intake's head as the follower last saw it.
    final class Position: Sendable {
        let applied = Mutex<Int64>(0)
        let head = Mutex<Int64>(0)

        var progress: FeedProgress {
            FeedProgress(applied: applied.withLock { $0 }, upstreamHead: head.withLock { $0 }, connected: true)
        }
    }

    /// An assessment fed by hand from the harness's intake, whose progress says when it is behind.
    struct Follower {
        let database: Database
        let service: AssessmentService
        let clock = ManualClock(SystemClock().now())
        let position = Position()

        init(rules: AssessmentRules) throws {
            database = try Database.inMemory(migrations: AssessmentSchema.migrations)
            let position = position
            service = AssessmentService(
                database: database, rules: rules, clock: clock, progress: { position.progress })
        }

        /// Sees intake's head; applies every change after the applied one unless `apply` is false.
        func follow(_ intake: Intake.IntakeService.Client, apply: Bool = true) async throws {
            var request = Intake.WatchEventsRequest()
            request.afterSequence = position.applied.withLock { $0 }
            request.stopAtHead = true
            let projection = service.projection
            for try await event in intake.watchEvents(request).responses {
                position.head.withLock { $0 = max($0, event.sequence) }
                guard apply else { continue }
                try await database.write { tx in
                    try projection(tx, [event])
                    try tx.setCursor("intake", to: event.sequence)
                }
                position.applied.withLock { $0 = event.sequence }
            }
        }
    }

    @Test func theTimerJudgesNothingWhileTheFollowerIsBehindIntake() async throws {
        // A settle no loaded machine can leave between the two imports; the clock is moved past it
        // instead of waiting, so only the timer can judge.
        let rules = AssessmentRules(settleSeconds: 600)
        let harness = try await AssessmentHarness(rules: rules)
        let follower = try Follower(rules: rules)
        let agency = try await harness.agency("泗阳县人民政府", in: try await harness.region("泗阳县", code: "321323"))
        try await harness.importConcluded(
            harness.cases(agency, losses: 1, of: 20, filed: .on(2022, 4, 4), concluded: .on(2022, 5, 10)))
        try await follower.follow(harness.intake)
        // Intake commits five losses in the same quarter at once; the follower sees the head move
        // but has not applied them when its timer fires, after the settle period.
        try await harness.importConcluded(
            harness.cases(agency, losses: 5, of: 5, filed: .on(2022, 4, 6), concluded: .on(2022, 6, 1)))
        try await follower.follow(harness.intake, apply: false)
        follower.clock.set(SystemClock().now().adding(seconds: 700))
        try await follower.service.judgeDue()

        try await follower.follow(harness.intake)
        follower.clock.set(SystemClock().now().adding(seconds: 700))
        try await follower.service.judgeDue()

        // 6 of 25 in 2022 Q2, as a replay of the feed judges it.
        let live = try await Self.alerts(follower.service)
        let crossings = live.compactMap { alert -> String? in
            guard case .lossRateThresholdCrossed(let details) = alert.details else { return nil }
            return details.lossRate.ratio
        }
        #expect(crossings == ["6/25"])
        let replica = try await AlertFeedTests.Replica(
            harness: harness, rules: rules, clock: ManualClock(SystemClock().now().adding(seconds: 700)))
        let replayed = try await replica.alerts()
        #expect(replayed.map(\.sequence) == live.map(\.sequence))
        for (left, right) in zip(live, replayed) {
            var (left, right) = (left, right)
            left.createdAt = nil
            right.createdAt = nil
            #expect(left == right, "alert \(left.sequence)")
        }
        await replica.stop()
        follower.database.close()
        await harness.stop()
    }

    /// Every alert, oldest first, through the service's own WatchAlerts.
    static func alerts(_ service: AssessmentService) async throws -> [V1.Alert] {
        let server = await InProcessServer(services: [service])
        var request = V1.WatchAlertsRequest()
        request.stopAtHead = true
        var alerts: [V1.Alert] = []
        let client = V1.AssessmentService.Client(channel: server.channel())
        for try await alert in client.watchAlerts(request).responses { alerts.append(alert) }
        _ = await server.stop()
        return alerts
    }
}
