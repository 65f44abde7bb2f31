import GRPC
import Messages
import ServiceKit
import Storage
import Stubs
import Synchronization
import Testing

/// A follower against an intake in this process, over a real socket.
@Suite struct FeedFollowerTests {
    typealias V1 = Shuangjiang.Intake.V1
    typealias Follower = FeedFollower<V1.WatchEventsRequest, V1.ChangeEvent>

    static func follower(
        _ channel: Channel, _ database: Database, configuration: FeedFollowerConfiguration = .quick,
        log: StateLog = StateLog(), apply: @escaping Follower.Apply = FollowerTable.apply
    ) -> Follower {
        FeedFollower(
            name: FollowerTable.cursorName, upstream: .intake(V1.IntakeService.Client(channel: channel)),
            database: database, configuration: configuration, onStateChange: log.record, apply: apply)
    }

    /// Runs `follower` until `condition` holds, then stops it.
    static func run(_ follower: Follower, until what: String, _ condition: () -> Bool) async throws {
        let running = Task { await follower.run() }
        try await eventually(what, condition)
        await follower.stop()
        await running.value
    }

    /// Follows an intake with ten filings (13 events) into `database` to its head, then stops
    /// both: the history a restored upstream is checked against.
    static func followAnOriginalUpstream(into database: Database) async throws {
        let original = try await LiveIntake.start()
        try await IntakeTraffic.prepare(original.client).file(10)
        let channel = try original.newChannel()
        let first = Self.follower(channel, database)
        try await run(first, until: "the follower to reach the head") { first.status.appliedSequence == 13 }
        channel.close()
        await original.stop()
    }

    /// Follows into `database` an intake restored from an older backup that has since filed
    /// `filings` cases, until the follower has tried it twice, then stops both. Returns the
    /// follower's last error: why it refused the upstream.
    static func followARestoredUpstream(filing filings: Int, into database: Database, until what: String)
        async throws -> (any Error)?
    {
        let restored = try await LiveIntake.start()
        try await IntakeTraffic.prepare(restored.client).file(filings)
        let channel = try restored.newChannel()
        let log = StateLog()
        let second = Self.follower(channel, database, log: log)
        try await run(second, until: what) { log.reconnections.count >= 2 }
        channel.close()
        await restored.stop()
        return second.status.lastError
    }

    @Test func aFollowerCatchesUpFromEmptyToTheHeadThenFollowsLiveChanges() async throws {
        let intake = try await LiveIntake.start()
        let traffic = try await IntakeTraffic.prepare(intake.client)
        try await traffic.file(500)
        let channel = try intake.newChannel()
        let database = try Database.inMemory(migrations: FollowerTable.migrations)
        let log = StateLog()
        let follower = Self.follower(channel, database, log: log)
        let running = Task { await follower.run() }

        try await eventually("the follower to reach the head") { follower.status.appliedSequence == 503 }
        let caughtUp = follower.status
        #expect(caughtUp.isConnected && caughtUp.upstreamHead == 503 && caughtUp.lag == 0)

        try await traffic.file(20, writer: 98)
        try await eventually("the live changes") { follower.status.appliedSequence == 523 }
        await follower.stop()
        await running.value

        #expect(try await FollowerTable.entries(database) == intake.client.wholeFeed())
        #expect(try await FollowerTable.cursor(database) == 523)
        #expect(log.connections == 1 && log.reconnections.isEmpty)
        guard case .stopped = follower.status.state else { throw TimedOut(description: "not stopped") }
        channel.close()
        database.close()
        await intake.stop()
    }

    @Test func whileTheUpstreamIsDownTheFollowerStillServesWhatItHasAndShowsItsLag() async throws {
        let intake = try await LiveIntake.start()
        let traffic = try await IntakeTraffic.prepare(intake.client)
        try await traffic.file(30)
        let feed = try await intake.client.wholeFeed()
        let channel = try intake.newChannel()
        let database = try Database.inMemory(migrations: FollowerTable.migrations)
        // One event per write, held at the 11th: ten applied, the rest received and waiting.
        var configuration = FeedFollowerConfiguration.quick
        configuration.maxBatchSize = 1
        let gate = Gate()
        let follower = Self.follower(channel, database, configuration: configuration) { tx, event in
            if event.sequence == 11 { gate.pass() }
            try FollowerTable.apply(tx, event)
        }
        let running = Task { await follower.run() }
        defer { gate.open() }
        try await eventually("the whole feed to be received") {
            gate.hasHeld && follower.status.receivedSequence == 33
        }

        await intake.stop()
        try await eventually("the follower to notice") { !follower.status.isConnected }
        let down = follower.status
        #expect(down.appliedSequence == 10 && down.upstreamHead == 33 && down.lag == 23)
        #expect(down.lastError != nil)
        // The follower's service reads its own database, which does not care.
        #expect(try await FollowerTable.entries(database) == Array(feed.prefix(10)))

        // What was received before the upstream went away is applied without it.
        gate.open()
        try await eventually("the received events to be applied") { follower.status.appliedSequence == 33 }
        #expect(!follower.status.isConnected && follower.status.lag == 0)
        #expect(try await FollowerTable.entries(database) == feed)

        await follower.stop()
        await running.value
        channel.close()
        database.close()
    }

    @Test func eventsReceivedDuringAWriteAreAppliedTogetherInTheNextOnes() async throws {
        let intake = try await LiveIntake.start()
        let traffic = try await IntakeTraffic.prepare(intake.client)
        try await traffic.file(500)
        let channel = try intake.newChannel()
        let database = try Database.inMemory(migrations: FollowerTable.migrations)
        // The first write is held until the whole backlog has arrived behind it.
        let gate = Gate()
        let follower = Self.follower(channel, database) { tx, event in
            if event.sequence == 1 { gate.pass() }
            try FollowerTable.apply(tx, event)
        }
        let running = Task { await follower.run() }
        defer { gate.open() }
        try await eventually("the backlog to arrive") { gate.hasHeld && follower.status.receivedSequence == 503 }
        gate.open()
        try await eventually("the backlog to be applied") { follower.status.appliedSequence == 503 }
        await follower.stop()
        await running.value

        // 1, then 2...257 and 258...503: a batch is at most maxBatchSize (256).
        #expect(database.writeStatistics.committedRequests == 3)
        #expect(try await FollowerTable.entries(database) == intake.client.wholeFeed())
        channel.close()
        database.close()
        await intake.stop()
    }

    @Test func stoppingLetsTheWriteInFlightCommitThenReturns() async throws {
        let intake = try await LiveIntake.start()
        let traffic = try await IntakeTraffic.prepare(intake.client)
        try await traffic.file(7)
        let channel = try intake.newChannel()
        let database = try Database.inMemory(migrations: FollowerTable.migrations)
        var configuration = FeedFollowerConfiguration.quick
        configuration.maxBatchSize = 1
        let gate = Gate()
        let follower = Self.follower(channel, database, configuration: configuration) { tx, event in
            if event.sequence == 5 { gate.pass() }
            try FollowerTable.apply(tx, event)
        }
        let running = Task { await follower.run() }
        defer { gate.open() }
        try await eventually("the write of event 5 to be held") { gate.hasHeld }

        let stopped = Atomic<Bool>(false)
        let stopping = Task {
            await follower.stop()
            stopped.store(true, ordering: .relaxed)
        }
        try await Task.sleep(for: .milliseconds(200))
        let returnedEarly = stopped.load(ordering: .relaxed)
        #expect(!returnedEarly, "stop() returned with a write still in flight")
        gate.open()
        await stopping.value
        await running.value

        #expect(try await FollowerTable.cursor(database) == 5)
        #expect(try await FollowerTable.count(database) == 5)
        guard case .stopped = follower.status.state else { throw TimedOut(description: "not stopped") }
        channel.close()
        database.close()
        await intake.stop()
    }

    @Test func aFollowerRestartedOnTheSameDatabaseResumesAfterItsCursor() async throws {
        let intake = try await LiveIntake.start()
        let traffic = try await IntakeTraffic.prepare(intake.client)
        try await traffic.file(10)
        let channel = try intake.newChannel()
        let database = try Database.inMemory(migrations: FollowerTable.migrations)
        let first = Self.follower(channel, database)
        try await Self.run(first, until: "the first run to reach the head") { first.status.appliedSequence == 13 }
        #expect(
            try await database.read { try $0.cursorFingerprint(FollowerTable.cursorName) } != nil,
            "the follower records the event at its cursor")

        try await traffic.file(10, writer: 98)
        // A second instance under the same name: a replay of 1...13 would fail its primary key.
        // It checks the upstream's event 13 against the one applied: the same history passes.
        let second = Self.follower(channel, database)
        try await Self.run(second, until: "the second run to reach the head") { second.status.appliedSequence == 23 }
        #expect(second.status.lastError as? FeedFollowerError != .upstreamDiverged(sequence: 13))
        #expect(try await FollowerTable.entries(database) == intake.client.wholeFeed())
        channel.close()
        database.close()
        await intake.stop()
    }

    @Test func anUpstreamRestoredToAnOlderPointIsRefusedAndNothingIsApplied() async throws {
        let database = try Database.inMemory(migrations: FollowerTable.migrations)
        try await Self.followAnOriginalUpstream(into: database)

        // The upstream comes back from an older backup: its feed ends at 8, and its next changes
        // will reuse 9...13, which this follower has applied from the original.
        let error = try await Self.followARestoredUpstream(
            filing: 5, into: database, until: "the restore to be reported")

        #expect(error as? FeedFollowerError == .upstreamBehind(head: 8, applied: 13))
        #expect(try await FollowerTable.cursor(database) == 13)
        database.close()
    }

    @Test func anUpstreamRestoredAndWrittenPastTheCursorAgainIsRefusedAndNothingIsApplied() async throws {
        let database = try Database.inMemory(migrations: FollowerTable.migrations)
        try await Self.followAnOriginalUpstream(into: database)
        let applied = try await FollowerTable.entries(database)

        // An older backup of the upstream that has since taken new writes: its head (18) is past
        // the cursor, so the head alone looks fine, but its events 9...18 are not the ones applied.
        // (A restart on the same history passes the check: the test above.)
        let error = try await Self.followARestoredUpstream(
            filing: 15, into: database, until: "the divergence to be reported")

        #expect(error as? FeedFollowerError == .upstreamDiverged(sequence: 13))
        #expect(try await FollowerTable.cursor(database) == 13)
        #expect(try await FollowerTable.entries(database) == applied, "nothing of the other history is applied")
        database.close()
    }

    @Test func aGapInTheUpstreamsSequenceStopsTheFollowerBeforeIt() async throws {
        let intake = try await LiveIntake.start()
        let traffic = try await IntakeTraffic.prepare(intake.client)
        try await traffic.file(7)
        let channel = try intake.newChannel()
        let database = try Database.inMemory(migrations: FollowerTable.migrations)
        // The feed as if the upstream had lost event 6: later events arrive one number up.
        var upstream = UpstreamFeed.intake(V1.IntakeService.Client(channel: channel))
        upstream.sequence = { $0.sequence >= 6 ? $0.sequence + 1 : $0.sequence }
        let log = StateLog()
        let follower = FeedFollower(
            name: FollowerTable.cursorName, upstream: upstream, database: database, configuration: .quick,
            onStateChange: log.record
        ) { tx, event in try FollowerTable.apply(tx, event) }
        let running = Task { await follower.run() }
        try await eventually("the gap to be reported") { log.reconnections.count >= 2 }
        await follower.stop()
        await running.value

        #expect(try await FollowerTable.cursor(database) == 5)
        #expect(try await FollowerTable.count(database) == 5)
        #expect(follower.status.lastError as? FeedFollowerError == .gap(applied: 5, received: 7))
        channel.close()
        database.close()
        await intake.stop()
    }

    @Test func reconnectionsBackOffFurtherWhileTheUpstreamStaysUnreachable() async throws {
        // A port that was just listening and no longer is: every connect is refused at once.
        let intake = try await LiveIntake.start()
        let channel = try intake.newChannel()
        await intake.stop()
        let database = try Database.inMemory(migrations: FollowerTable.migrations)
        var configuration = FeedFollowerConfiguration.quick
        configuration.initialBackoff = .milliseconds(10)
        configuration.backoffMultiplier = 2
        configuration.maxBackoff = .milliseconds(80)
        configuration.backoffJitter = 0
        let log = StateLog()
        let follower = Self.follower(channel, database, configuration: configuration, log: log)
        let running = Task { await follower.run() }
        try await eventually("five failed attempts") { log.reconnections.count >= 5 }
        await follower.stop()
        await running.value

        let scheduled = log.reconnections.prefix(5)
        #expect(scheduled.map(\.attempt) == [2, 3, 4, 5, 6])
        #expect(scheduled.map(\.delay) == [10, 20, 40, 80, 80].map { Duration.milliseconds($0) })
        let status = follower.status
        #expect(!status.isConnected && status.upstreamHead == nil && status.lag == nil)
        channel.close()
        database.close()
    }
}
