import Accountability
import GRPC
import GRPCCore
import GRPCTestSupport
import Messages
import ServiceKit
import SharedDomain
import Storage
import Stubs
import Testing

/// Accountability following assessment's WatchAlerts with the kit's real FeedFollower, over the
/// in-process transport: each alert acts once, however often the feed is followed again.
@Suite struct AlertFollowerTests {
    typealias V1 = Shuangjiang.Accountability.V1

    static func follower(_ harness: AccountabilityHarness) -> AlertFollowing.Follower {
        AlertFollowing.Follower(
            name: "assessment", upstream: .assessmentAlerts(harness.assessmentServer.channel()),
            database: harness.database, apply: harness.service.alertActions)
    }

    /// Runs a follower until it has applied assessment's whole feed, then stops it.
    static func catchUp(_ harness: AccountabilityHarness) async throws {
        let head = try await harness.alerts().last?.sequence ?? 0
        let follower = follower(harness)
        let task = Task { await follower.run() }
        let deadline = ContinuousClock.now.advanced(by: .seconds(20))
        while follower.status.appliedSequence < head && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        await follower.stop()
        await task.value
        #expect(follower.status.appliedSequence == head)
    }

    @Test func theRealFollowerActsOnEachAlertOnceAcrossRestarts() async throws {
        let harness = try await AccountabilityHarness()
        let county = try await harness.region("泗洪县", code: "321324")
        let agency = try await harness.agency("泗洪县人民政府", in: county)
        // Q3 2022: 5 of 20 lost (25 %): five CASE_LOST alerts and one crossing.
        _ = try await harness.importCases(
            (0..<20).map { (agency, .on(2022, 7, 5), .on(2022, 8, 10), $0 < 5 ? .revoked : .claimDismissed) })
        try await harness.syncAssessment()
        try await Self.catchUp(harness)
        #expect(try await harness.referrals().count == 5)
        #expect(try await harness.accountability.listEscalations(V1.ListEscalationsRequest()).escalations.count == 1)
        // The referrals of the second and later losses of the agency within the year are aggravated.
        #expect(try await harness.referrals().filter { $0.repeatedLoss != nil }.count == 4)

        // A second follower under the same name resumes after the cursor: nothing twice.
        try await Self.catchUp(harness)
        #expect(try await harness.referrals().count == 5)
        _ = try await harness.importCases(
            (0..<2).map { (agency, .on(2022, 11, 5), .on(2022, 11, 20), $0 < 1 ? .varied : .claimDismissed) })
        try await harness.syncAssessment()
        try await Self.catchUp(harness)
        #expect(try await harness.referrals().count == 6)
        let cursor = try await harness.database.read { try $0.cursor("assessment") }
        #expect(cursor == (try await harness.alerts().last?.sequence ?? 0))
        await harness.stop()
    }
}
