internal import GRPC
internal import GRPCCore
public import Messages
public import ServiceKit
public import SharedDomain
public import Storage
public import Stubs
internal import Synchronization

/// The assessment service (评估): indicators, double decline, rankings, three-colour warnings and
/// the alert feed, all derived from intake's change feed (IntakeProjection applies it; the host's
/// follower delivers it). Read-only for clients. Domain rules live in Domain/.
public final class AssessmentService: Shuangjiang.Assessment.V1.AssessmentService.ServiceProtocol, StoredService {
    public typealias V1 = Shuangjiang.Assessment.V1

    public let database: Database
    /// The rules file's assessment sections; replaced on SIGHUP. Read once per call or write.
    let ruleSource: Reloadable<AssessmentRules>
    var rules: AssessmentRules { ruleSource.current }
    let clock: any WallClock
    let timeZone: CityTimeZone
    let progress: @Sendable () -> FeedProgress
    /// Wakes the judging timer when an opinion deadline falls due.
    let opinionDeadlines = OpinionDeadlineWatch()
    /// Signalled by the follower after each write it commits: wakes calls waiting for a
    /// min_intake_sequence.
    let intakeApplied = ProgressSignal()

    /// - Parameter progress: how far the feed has been followed (the follower's status).
    public convenience init(
        database: Database, rules: AssessmentRules = AssessmentRules(), clock: any WallClock = SystemClock(),
        timeZone: CityTimeZone = .shanghai, progress: @escaping @Sendable () -> FeedProgress
    ) {
        self.init(database: database, rules: Reloadable(rules), clock: clock, timeZone: timeZone, progress: progress)
    }

    /// - Parameter rules: read afresh for every call and write, so a reload takes effect at once.
    public init(
        database: Database, rules: Reloadable<AssessmentRules>, clock: any WallClock = SystemClock(),
        timeZone: CityTimeZone = .shanghai, progress: @escaping @Sendable () -> FeedProgress
    ) {
        self.database = database
        self.ruleSource = rules
        self.clock = clock
        self.timeZone = timeZone
        self.progress = progress
    }

    /// How intake's changes are applied to this service's tables: the follower calls it with the
    /// changes of one write, inside the write that advances its cursor.
    public var projection: @Sendable (WriteTransaction, [Shuangjiang.Intake.V1.ChangeEvent]) throws -> Void {
        // The projection keeps a memo derived from the rules, so it is rebuilt when they are reloaded.
        let source = ruleSource
        let timeZone = timeZone
        let current = ProjectionSlot(IntakeProjection(rules: source.current, timeZone: timeZone, generation: 0))
        let deadlines = opinionDeadlines
        return { tx, events in
            let projection = current.slot.withLock { projection in
                let (rules, generation) = source.snapshot
                if projection.generation != generation {
                    projection = IntakeProjection(rules: rules, timeZone: timeZone, generation: generation)
                }
                return projection
            }
            try projection.apply(tx, events)
            try deadlines.rearm(tx)
        }
    }

    /// Judges whatever has fallen due since the last change (closed quarters), for the timer that
    /// runs while assessment is caught up with intake: feed time is then the wall clock.
    public func judgeDue() async throws {
        // While intake has changes the follower has not applied, the wall clock is not feed time:
        // a replay judges before the first of them, with what came before, so wait for it.
        let followed = progress()
        guard followed.connected, followed.applied >= followed.upstreamHead ?? followed.applied else { return }
        let now = clock.now().milliseconds
        let rules = rules  // one read: both judges see the same rules, even across a reload
        let judge = QuarterJudge(rules: rules, timeZone: timeZone)
        let review = MonthlyRiskReview(rules: rules, timeZone: timeZone)
        try await write { tx in
            let previous = try tx.fetchValue(Int64.self, "SELECT committed_at FROM feed_time WHERE id = 1")
            try judge.judge(tx, previous: previous, now: now)
            try review.review(tx, now: now)
        }
    }

    /// The intake sequence the tables reflect, read in the caller's transaction.
    static func intakeSequence(_ tx: some Transaction) throws -> Int64 {
        try tx.fetchValue(Int64.self, "SELECT intake_sequence FROM feed_time WHERE id = 1") ?? 0
    }

    /// Waits until intake's feed has been applied up to `sequence` (0: no wait), for up to the
    /// call's deadline (30 s without one). A client that has just written to intake passes the
    /// sequence its write got, and the answer then includes it.
    func waitForIntake(_ sequence: Int64, context: ServerContext) async throws {
        guard sequence > 0 else { return }
        let start = ContinuousClock.now
        let deadline = context.deadline ?? start.advanced(by: .seconds(30))
        // Leave part of the deadline to answer with a status that says why: a tenth of it (20 ms to
        // 1 s), as a loaded server's wake-ups and the reply's way back outlast a fixed few ms.
        let margin = min(max((deadline - start) / 10, .milliseconds(20)), .seconds(1))
        let answerBy = deadline.advanced(by: .zero - margin)
        while true {
            // Read before the check, so a write committed in between ends the wait below at once.
            let seen = intakeApplied.generation
            let current = progress()
            if current.applied >= sequence { return }
            if ContinuousClock.now >= answerBy || context.isCancelled {
                let behind = "assessment has applied intake's feed up to \(current.applied) of \(sequence)"
                if !current.connected {
                    throw RPCError(
                        code: .unavailable, message: "min_intake_sequence: \(behind); intake cannot be reached")
                }
                throw RPCError(
                    code: .failedPrecondition,
                    message:
                        "min_intake_sequence: \(behind) (intake head \(current.upstreamHead.map(String.init) ?? "unknown")); retry"
                )
            }
            // Woken by the follower's next commit. The limit only bounds the wait for a
            // progress that is not signalled (a test's own) and for the deadline check above; it
            // used to be a 2 ms poll, which at 1,000 writes/s kept dozens of waiting calls
            // waking 500 times a second each.
            await intakeApplied.wait(
                after: seen, atMost: min(.milliseconds(50), max(answerBy - ContinuousClock.now, .milliseconds(1))))
        }
    }
}

/// The follower's current projection, replaced when the rules are reloaded.
private final class ProjectionSlot: Sendable {
    let slot: Mutex<IntakeProjection>
    init(_ projection: IntakeProjection) { slot = Mutex(projection) }
}
