import Assessment
import GRPC
import GRPCCore
import GRPCTestSupport
import Messages
import SharedDomain
import Storage
import Stubs
import Testing

/// min_intake_sequence (indicators.proto): a read waits until assessment has applied intake's feed
/// up to the sequence a client's write got, and says how far behind it is when the deadline comes
/// first: FAILED_PRECONDITION while intake is reachable, UNAVAILABLE while it is not.
@Suite struct FreshnessTests {
    typealias Intake = Shuangjiang.Intake.V1
    typealias V1 = Shuangjiang.Assessment.V1

    /// For the calls answered at once.
    static let short = CallOptions(timeout: .seconds(1))
    /// For the calls that wait until assessment refuses. It answers with a tenth of the deadline
    /// to spare, 300 ms here, for a loaded machine to get the refusal back before the client
    /// gives up; with a 1 s deadline, a make test run on two busy cores once had the client give
    /// up first (DEADLINE_EXCEEDED instead of the refusal under test).
    static let refused = CallOptions(timeout: .seconds(3))

    /// Intake's newest sequence, read from its feed.
    static func intakeHead(_ harness: AssessmentHarness) async throws -> Int64 {
        var request = Intake.WatchEventsRequest()
        request.stopAtHead = true
        var last: Int64 = 0
        for try await event in harness.intake.watchEvents(request).responses { last = event.sequence }
        return last
    }

    static func request(at sequence: Int64) -> V1.GetIndicatorsRequest {
        var request = V1.GetIndicatorsRequest()
        request.scope = Request.city
        request.period = Request.year(2022)
        request.minIntakeSequence = sequence
        return request
    }

    @Test func aReadAheadOfWhatWasAppliedFailsNamingHowFarBehindAndSucceedsOnceSynced() async throws {
        let harness = try await AssessmentHarness()
        let agency = try await harness.agency("沭阳县人民政府", in: try await harness.region("沭阳县", code: "321322"))
        try await harness.sync()
        let applied = try await Self.intakeHead(harness)
        try await harness.importConcluded(
            harness.cases(agency, losses: 1, of: 4, filed: .on(2022, 1, 4), concluded: .on(2022, 2, 1)))
        let head = try await Self.intakeHead(harness)

        let behind = await #expect(throws: RPCError.self) {
            try await harness.assessment.getIndicators(Self.request(at: head), options: Self.refused)
        }
        #expect(behind?.code == .failedPrecondition)
        #expect(
            behind?.message
                == "min_intake_sequence: assessment has applied intake's feed up to \(applied) of \(head) (intake head unknown); retry"
        )
        // The other reads wait the same way.
        var rank = V1.RankUnitsRequest()
        rank.unitKind = .region
        rank.indicator = .lossRate
        rank.period = Request.year(2022)
        rank.minIntakeSequence = head
        let rankBehind = await #expect(throws: RPCError.self) {
            try await harness.assessment.rankUnits(rank, options: Self.refused)
        }
        #expect(rankBehind?.code == .failedPrecondition)
        var warnings = V1.ListWarningsRequest()
        warnings.period = Request.year(2022)
        warnings.minIntakeSequence = head
        let warningsBehind = await #expect(throws: RPCError.self) {
            try await harness.assessment.listWarnings(warnings, options: Self.refused)
        }
        #expect(warningsBehind?.code == .failedPrecondition)

        try await harness.sync()
        let response = try await harness.assessment.getIndicators(Self.request(at: head), options: Self.short)
        #expect(response.intakeSequence == head && response.current?.lossRate.ratio == "1/4")
        #expect(try await harness.assessment.rankUnits(rank, options: Self.short).entries.count == 1)
        #expect(try await harness.assessment.listWarnings(warnings, options: Self.short).intakeSequence == head)
        await harness.stop()
    }

    @Test func aReadWaitsWithinItsDeadlineForTheFeedToCatchUp() async throws {
        let harness = try await AssessmentHarness()
        let agency = try await harness.agency("沭阳县人民政府", in: try await harness.region("沭阳县", code: "321322"))
        try await harness.importConcluded(
            harness.cases(agency, losses: 2, of: 5, filed: .on(2022, 1, 4), concluded: .on(2022, 2, 1)))
        let head = try await Self.intakeHead(harness)
        async let answer = harness.assessment.getIndicators(
            Self.request(at: head), options: CallOptions(timeout: .seconds(20)))
        try await Task.sleep(for: .milliseconds(50))
        try await harness.sync()
        #expect(try await answer.current?.lossRate.ratio == "2/5")
        await harness.stop()
    }

    @Test func aNegativeSequenceIsRefused() async throws {
        let harness = try await AssessmentHarness()
        let refused = await #expect(throws: RPCError.self) {
            try await harness.assessment.getIndicators(Self.request(at: -1))
        }
        #expect(refused?.code == .invalidArgument)
        #expect(refused?.message.contains("min_intake_sequence") == true)
        await harness.stop()
    }

    /// An assessment whose follower reports `progress`, over an empty database.
    struct Standalone {
        let database: Database
        let server: InProcessServer
        let client: V1.AssessmentService.Client

        init(_ progress: FeedProgress) async throws {
            database = try Database.inMemory(migrations: AssessmentSchema.migrations)
            server = await InProcessServer(services: [AssessmentService(database: database, progress: { progress })])
            client = V1.AssessmentService.Client(channel: server.channel())
        }

        func stop() async {
            _ = await server.stop()
            database.close()
        }
    }

    @Test func whileIntakeCannotBeReachedAReadAheadIsUnavailable() async throws {
        let assessment = try await Standalone(FeedProgress(applied: 3, upstreamHead: 7, connected: false))
        let error = await #expect(throws: RPCError.self) {
            try await assessment.client.getIndicators(Self.request(at: 5), options: Self.refused)
        }
        #expect(error?.code == .unavailable)
        #expect(
            error?.message
                == "min_intake_sequence: assessment has applied intake's feed up to 3 of 5; intake cannot be reached")
        // Within what was applied, no wait at all.
        #expect(try await assessment.client.getIndicators(Self.request(at: 3), options: Self.short).current != nil)
        await assessment.stop()
    }

    @Test func whileConnectedTheRefusalNamesIntakesHead() async throws {
        let assessment = try await Standalone(FeedProgress(applied: 3, upstreamHead: 7, connected: true))
        let error = await #expect(throws: RPCError.self) {
            try await assessment.client.getIndicators(Self.request(at: 5), options: Self.refused)
        }
        #expect(error?.code == .failedPrecondition)
        #expect(
            error?.message
                == "min_intake_sequence: assessment has applied intake's feed up to 3 of 5 (intake head 7); retry")
        await assessment.stop()
    }
}
