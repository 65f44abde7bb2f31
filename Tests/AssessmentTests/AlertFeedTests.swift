import Assessment
import GRPC
import GRPCCore
import GRPCTestSupport
import Messages
import ServiceKit
import SharedDomain
import Storage
import Stubs
import Testing

/// The alert feed (alerts.proto): WatchAlerts in sequence order without gaps, ListAlerts newest
/// first with its filters and paging, and the same alerts from a replay of intake's feed.
@Suite struct AlertFeedTests {
    typealias Intake = Shuangjiang.Intake.V1
    typealias V1 = Shuangjiang.Assessment.V1

    /// 沭阳县 crosses in 2022 Q1 (3/20) and 2023 Q1 (2/10), 泗阳县 in 2022 Q2 (4/20): 11 losses,
    /// 3 crossings, and red warnings for each crossing county and its agency (6).
    static func history(_ harness: AssessmentHarness) async throws -> (a: Intake.Agency, b: Intake.Agency) {
        let a = try await harness.agency("沭阳县人民政府", in: try await harness.region("沭阳县", code: "321322"))
        let b = try await harness.agency("泗阳县人民政府", in: try await harness.region("泗阳县", code: "321323"))
        try await harness.importConcluded(
            harness.cases(a, losses: 3, of: 20, filed: .on(2022, 1, 4), concluded: .on(2022, 2, 10))
                + harness.cases(b, losses: 1, of: 20, filed: .on(2022, 1, 4), concluded: .on(2022, 3, 10))
                + harness.cases(a, losses: 1, of: 20, filed: .on(2022, 4, 4), concluded: .on(2022, 5, 10))
                + harness.cases(b, losses: 4, of: 20, filed: .on(2022, 4, 4), concluded: .on(2022, 6, 10))
                + harness.cases(a, losses: 2, of: 10, filed: .on(2023, 1, 4), concluded: .on(2023, 2, 10)))
        try await harness.sync()
        return (a, b)
    }

    static func listAlerts(_ harness: AssessmentHarness, _ configure: (inout V1.ListAlertsRequest) -> Void = { _ in })
        async throws -> [V1.Alert]
    {
        var request = V1.ListAlertsRequest()
        configure(&request)
        return try await harness.assessment.listAlerts(request).alerts
    }

    /// The region an alert is about, by the intake ids in its details.
    static func regionId(of alert: V1.Alert, agencies: [Intake.Agency]) -> String? {
        switch alert.details {
        case .caseLost(let lost): return lost.regionId
        case .lossRateThresholdCrossed(let crossed): return crossed.regionId
        case .redWarning(let red):
            switch red.warning?.unit?.unit {
            case .regionId(let id): return id
            case .agencyId(let id): return agencies.first { $0.id == id }?.regionId
            default: return nil
            }
        default: return nil
        }
    }

    @Test func watchingFromZeroReturnsEveryAlertInSequenceWithoutAGap() async throws {
        let harness = try await AssessmentHarness()
        _ = try await Self.history(harness)
        let alerts = try await harness.watchedAlerts()
        #expect(alerts.map(\.sequence) == Array(1...20))
        #expect(alerts.filter { $0.kind == .caseLost }.count == 11)
        #expect(alerts.filter { $0.kind == .lossRateThresholdCrossed }.count == 3)
        #expect(alerts.filter { $0.kind == .redWarning }.count == 6)
        #expect(alerts.allSatisfy { $0.createdAt != nil && $0.period?.firstDay != nil && $0.period?.lastDay != nil })
        // From the middle: only what follows.
        #expect(try await harness.watchedAlerts(after: 15).map(\.sequence) == Array(16...20))
        #expect(try await harness.watchedAlerts(after: 20).isEmpty)
        var negative = V1.WatchAlertsRequest()
        negative.afterSequence = -1
        negative.stopAtHead = true
        let refused = await #expect(throws: RPCError.self) {
            for try await _ in harness.assessment.watchAlerts(negative).responses {}
        }
        #expect(refused?.code == .invalidArgument)
        await harness.stop()
    }

    @Test func listingIsNewestFirstAndFiltersByKindRegionAndThePeriodAnAlertIsAbout() async throws {
        let harness = try await AssessmentHarness()
        let (a, b) = try await Self.history(harness)
        let watched = try await harness.watchedAlerts()
        let newestFirst = Array(watched.reversed())
        #expect(try await Self.listAlerts(harness) == newestFirst)

        let lost = try await Self.listAlerts(harness) { $0.kind = .caseLost }
        #expect(lost == newestFirst.filter { $0.kind == .caseLost })
        #expect(lost.count == 11)

        let inA = try await Self.listAlerts(harness) { $0.regionId = a.regionId }
        #expect(inA == newestFirst.filter { Self.regionId(of: $0, agencies: [a, b]) == a.regionId })
        // 6 losses, 2 crossings, the county and its agency red in two quarters.
        #expect(inA.count == 12)

        // About 2022 Q1: the quarter's crossing and reds, and losses of its months.
        let q1 = try await Self.listAlerts(harness) { $0.about = Request.quarter(2022, 1) }
        #expect(q1 == newestFirst.filter { $0.period?.year == 2022 && ($0.period?.lastDay?.month ?? 0) <= 3 })
        #expect(q1.filter { $0.kind == .caseLost }.count == 4 && q1.filter { $0.kind != .caseLost }.count == 3)
        let year2023 = try await Self.listAlerts(harness) { $0.about = Request.year(2023) }
        #expect(year2023.map(\.sequence) == newestFirst.filter { $0.period?.year == 2023 }.map(\.sequence))
        #expect(year2023.count == 5)
        let combined = try await Self.listAlerts(harness) {
            $0.about = Request.year(2022)
            $0.kind = .lossRateThresholdCrossed
            $0.regionId = b.regionId
        }
        #expect(combined.count == 1 && combined.first?.period?.index == 2)

        // Created today (around now, whatever the city's date), none in 2022.
        let today = try #require(CityTimeZone.shanghai.date(of: SystemClock().now()))
        let createdNow = try await Self.listAlerts(harness) {
            $0.createdIn = Request.range(today.plus(-1), today.plus(1))
        }
        #expect(createdNow == newestFirst)
        #expect(try await Self.listAlerts(harness) { $0.createdIn = Request.year(2022) }.isEmpty)

        // Pages of three, oldest last, each alert once.
        var paged: [V1.Alert] = []
        var request = V1.ListAlertsRequest()
        request.pageSize = 3
        repeat {
            let page = try await harness.assessment.listAlerts(request)
            paged += page.alerts
            request.pageToken = page.nextPageToken
        } while !request.pageToken.isEmpty && paged.count <= watched.count
        #expect(paged == newestFirst)
        await harness.stop()
    }

    /// A second assessment applying the same intake feed from 0 raises the identical alerts
    /// (created_at aside). The first followed intake as the history arrived, judging between
    /// phases; feed time must decide what is judged, so the replay agrees even on late data.
    @Test func aReplayOfIntakesFeedIntoAFreshDatabaseRaisesTheIdenticalAlerts() async throws {
        // A one-second settle lets a test wait out a quiet feed; clocks are kept in real order:
        // assessment judges at a wall time before intake commits what comes next.
        let rules = AssessmentRules(settleSeconds: 1)
        let harness = try await AssessmentHarness(rules: rules)
        let a = try await harness.agency("沭阳县人民政府", in: try await harness.region("沭阳县", code: "321322"))
        let b = try await harness.agency("泗阳县人民政府", in: try await harness.region("泗阳县", code: "321323"))
        let first = try await harness.importRows(
            (0..<20).map { index in
                .init(
                    agency: a, filedOn: .on(2022, 1, 4),
                    events: [.concluded(index < 3 ? .revoked : .claimDismissed, on: .on(2022, 2, 10))])
            }
                + (0..<20).map { index in
                    .init(
                        agency: b, filedOn: .on(2022, 4, 4),
                        events: [.concluded(index < 1 ? .varied : .mediated, on: .on(2022, 5, 10))])
                })
        try await Self.followAndJudge(harness)

        // Late: 泗阳县's Q2 now 5/25 and 沭阳县's Q1 loss reversed on appeal; neither quarter is judged again.
        try await harness.importConcluded(
            harness.cases(b, losses: 4, of: 5, filed: .on(2022, 4, 6), concluded: .on(2022, 6, 1)))
        try await harness.record(.appealed(on: .on(2022, 2, 20), by: .agency), on: first[0])
        try await harness.record(.concluded(.claimDismissed, on: .on(2022, 9, 1), instance: .second), on: first[0])
        try await Self.followAndJudge(harness)

        let original = try await harness.watchedAlerts()
        #expect(original.filter { $0.kind == .lossRateThresholdCrossed }.count == 1)
        #expect(original.filter { $0.kind == .caseLost }.count == 8)

        let replica = try await Replica(harness: harness, rules: rules)
        let replayed = try await replica.alerts()
        #expect(replayed.count == original.count)
        for (left, right) in zip(original, replayed) {
            var (left, right) = (left, right)
            left.createdAt = nil
            right.createdAt = nil
            #expect(left == right, "alert \(left.sequence)")
        }
        await replica.stop()
        await harness.stop()
    }

    /// Applies intake's feed, waits until it has been quiet for the settle period, then judges at
    /// that wall time, as the follower's timer would once caught up.
    static func followAndJudge(_ harness: AssessmentHarness) async throws {
        try await harness.sync(judge: false)
        try await Task.sleep(for: .milliseconds(1100))
        harness.assessmentClock.set(SystemClock().now())
        try await harness.service.judgeDue()
    }

    /// A second assessment database fed the same intake feed from the start.
    struct Replica {
        let database: Database
        let server: InProcessServer
        let client: V1.AssessmentService.Client

        init(harness: AssessmentHarness, rules: AssessmentRules, clock: any WallClock = SystemClock()) async throws {
            database = try Database.inMemory(migrations: AssessmentSchema.migrations)
            let service = AssessmentService(
                database: database, rules: rules, clock: clock,
                progress: { FeedProgress(applied: 0, upstreamHead: nil, connected: true) })
            var request = Intake.WatchEventsRequest()
            request.stopAtHead = true
            let apply = service.projection
            for try await event in harness.intake.watchEvents(request).responses {
                try await database.write { tx in
                    try apply(tx, [event])
                    try tx.setCursor("intake", to: event.sequence)
                }
            }
            try await service.judgeDue()
            server = await InProcessServer(services: [service])
            client = V1.AssessmentService.Client(channel: server.channel())
        }

        func alerts() async throws -> [V1.Alert] {
            var request = V1.WatchAlertsRequest()
            request.stopAtHead = true
            var alerts: [V1.Alert] = []
            for try await alert in client.watchAlerts(request).responses { alerts.append(alert) }
            return alerts
        }

        func stop() async {
            _ = await server.stop()
            database.close()
        }
    }
}
