import Assessment
import GRPC
import GRPCCore
import Messages
import ServiceKit
import SharedDomain
import Stubs
import Testing

/// Opinion deadlines watched by assessment: alerts raised the moment a deadline passes unmet, on
/// feed time, once; withdrawn when a later-recorded milestone shows them wrong.
@Suite struct OpinionDeadlineWatchTests {
    typealias V1 = Shuangjiang.Assessment.V1

    static func department(_ h: AssessmentHarness) async throws -> Shuangjiang.Intake.V1.Agency {
        let county = try await h.region("沭阳县", code: "321322")
        return try await h.agency("沭阳县公安局", in: county)
    }

    @Test func aMissedDeadlineIsAlertedTheMomentItsDueTimePassesAndOnlyOnce() async throws {
        let h = try await AssessmentHarness()
        let agency = try await Self.department(h)
        let now = h.intakeNow()
        let detected = now.adding(seconds: -3540)
        let due = detected.adding(seconds: 3600)
        let opinion = try await h.reportOpinion(agency, detected: detected, summary: "某地执法视频")
        try await h.sync()
        #expect(h.service.opinionDeadlineArmedFor == due, "the timer is armed for the due time")

        h.assessmentClock.set(due.adding(seconds: -1))
        try await h.service.judgeOpinionDeadlines()
        #expect(try await h.alerts().isEmpty, "a second before: nothing")
        h.assessmentClock.set(due)
        try await h.service.judgeOpinionDeadlines()
        #expect(try await h.alerts().isEmpty, "due exactly now is not yet missed, as intake says")
        h.assessmentClock.set(Instant(nanosecondsSinceEpoch: due.nanosecondsSinceEpoch + 1_000_000))
        try await h.service.judgeOpinionDeadlines()
        let alerts = try await h.alerts()
        #expect(alerts.count == 1, "raised the moment the due time has passed")
        #expect(alerts.first?.kind == .opinionDeadlineMissed)
        #expect(
            alerts.first?.subject?.target == .opinionId(opinion.id) && alerts.first?.subject?.displayName == "某地执法视频")
        let details = alerts.first?.missed
        #expect(details?.opinionId == opinion.id && details?.deadline == .reportUp)
        #expect(details?.departmentAgencyId == agency.id && details?.regionId == agency.regionId)
        #expect(details?.startsAt == detected.timestamp && details?.dueAt == due.timestamp)
        let month = CityTimeZone.shanghai.date(of: due)!
        #expect(alerts.first?.period?.kind == .month && alerts.first?.period?.index == month.month)
        #expect(h.service.opinionDeadlineArmedFor == nil, "nothing left to wait for")

        h.assessmentClock.advance(seconds: 3600)
        try await h.service.judgeOpinionDeadlines()
        try await h.sync()
        #expect(try await h.alerts().count == 1, "once")
        await h.stop()
    }

    @Test func theTimerSleepsUntilJustPastTheEarliestDueTimeAndEveryChangeReArmsIt() async throws {
        let h = try await AssessmentHarness()
        let agency = try await Self.department(h)
        let now = h.intakeNow()
        let later = try await h.reportOpinion(agency, detected: now.adding(seconds: -3000), summary: "later")
        try await h.sync()
        let laterDue = now.adding(seconds: 600)
        #expect(h.service.opinionDeadlineArmedFor == laterDue)
        let sooner = try await h.reportOpinion(agency, detected: now.adding(seconds: -3300), summary: "sooner")
        try await h.sync()
        #expect(h.service.opinionDeadlineArmedFor == now.adding(seconds: 300), "an earlier due time re-arms it")
        try await h.record(.reportedUp, at: now, on: sooner)
        try await h.sync()
        #expect(h.service.opinionDeadlineArmedFor == laterDue, "met: the next one")

        // Asleep 0.3 s before the due time, it wakes just past it, not after the whole limit.
        h.assessmentClock.set(Instant(nanosecondsSinceEpoch: laterDue.nanosecondsSinceEpoch - 300_000_000))
        let started = ContinuousClock.now
        try await h.service.sleepUntilNextDue(atMost: .seconds(30))
        let slept = ContinuousClock.now - started
        #expect(slept >= .milliseconds(300) && slept < .seconds(10))

        // Nothing pending: asleep for the whole limit, until a change arms it.
        try await h.record(.reportedUp, at: now, on: later)
        try await h.sync()
        #expect(h.service.opinionDeadlineArmedFor == nil)
        let sleeper = Task {
            let started = ContinuousClock.now
            try await h.service.sleepUntilNextDue(atMost: .seconds(30))
            return ContinuousClock.now - started
        }
        try await Task.sleep(for: .milliseconds(200))
        _ = try await h.reportOpinion(agency, detected: now, summary: "new")
        try await h.sync()
        #expect(try await sleeper.value < .seconds(10), "the projection woke it")
        #expect(try await h.alerts().isEmpty)
        await h.stop()
    }

    @Test func aMilestoneRecordedInTimeBeforeTheDueTimeRaisesNothing() async throws {
        let h = try await AssessmentHarness()
        let agency = try await Self.department(h)
        let now = h.intakeNow()
        let opinion = try await h.reportOpinion(
            agency, detected: now.adding(seconds: -1800), importance: .major, media: now.adding(seconds: -600))
        try await h.sync()
        for kind in [
            Shuangjiang.Intake.V1.MilestoneKind.reportedUp, .firstStatement, .inquiriesAccepted, .formalResponse,
        ] {
            try await h.record(kind, at: now, on: opinion)
        }
        try await h.sync()
        h.assessmentClock.set(now.adding(seconds: 2 * 86_400))
        try await h.service.judgeOpinionDeadlines()
        #expect(try await h.alerts().isEmpty)
        #expect(h.service.opinionDeadlineArmedFor == nil)
        await h.stop()
    }

    @Test func historyReportedWithItsMilestonesAlreadyMetRaisesNothing() async throws {
        let h = try await AssessmentHarness()
        let agency = try await Self.department(h)
        // Intake's clock is 2025-01-15; the incidents were days before, long past every due time.
        let detected = Instant(seconds: 1_736_899_200 - 5 * 86_400)
        func history(formalResponseAfter hours: Int64) -> [Shuangjiang.Intake.V1.ReportedMilestone] {
            [
                h.milestone(.mediaAttention, at: detected.adding(seconds: 600)),
                h.milestone(.reportedUp, at: detected.adding(seconds: 3000)),
                h.milestone(.firstStatement, at: detected.adding(seconds: 5 * AssessmentHarness.hour)),
                h.milestone(.inquiriesAccepted, at: detected.adding(seconds: 12 * AssessmentHarness.hour)),
                h.milestone(.formalResponse, at: detected.adding(seconds: 600 + hours * AssessmentHarness.hour)),
                h.milestone(.closed, at: detected.adding(seconds: 2 * 86_400)),
            ]
        }
        _ = try await h.reportOpinion(
            agency, detected: detected, milestones: history(formalResponseAfter: 24), summary: "on time")
        try await h.sync()
        try await h.service.judgeOpinionDeadlines()
        #expect(try await h.alerts().isEmpty, "every deadline met, judged on when each milestone occurred")

        let late = try await h.reportOpinion(
            agency, detected: detected, milestones: history(formalResponseAfter: 25), summary: "late")
        try await h.sync()
        let alerts = try await h.alerts()
        #expect(alerts.count == 1 && alerts.first?.missed?.opinionId == late.id)
        #expect(alerts.first?.missed?.deadline == .formalResponse, "only the response that came late")
        await h.stop()
    }

    @Test func aMissedAlertIsWithdrawnWhenALaterRecordedMilestoneShowsTheDeadlineWasMetInTime() async throws {
        let h = try await AssessmentHarness()
        let agency = try await Self.department(h)
        let now = h.intakeNow()
        let onTime = now.adding(seconds: -2 * 3600)
        let wrong = try await h.reportOpinion(agency, detected: onTime, summary: "reported up, recorded late")
        let right = try await h.reportOpinion(
            agency, detected: now.adding(seconds: -3 * 3600), summary: "reported up late")
        try await h.sync()
        let missed = try await h.alerts()
        #expect(
            missed.map { $0.missed?.opinionId } == [wrong.id, right.id], "due before the report: missed when reported")

        try await h.record(.reportedUp, at: onTime.adding(seconds: 1800), on: wrong)
        try await h.record(.reportedUp, at: now.adding(seconds: -3600), on: right)
        try await h.sync()
        let alerts = try await h.alerts()
        #expect(alerts.count == 3, "the late milestone confirms its alert; the on-time one withdraws its alert")
        let withdrawal = alerts.last
        #expect(withdrawal?.kind == .opinionDeadlineMissedWithdrawn)
        #expect(withdrawal?.withdrawn?.withdrawnSequence == missed[0].sequence)
        #expect(withdrawal?.withdrawn?.opinionId == wrong.id && withdrawal?.withdrawn?.deadline == .reportUp)
        #expect(withdrawal?.withdrawn?.metAt == onTime.adding(seconds: 1800).timestamp)
        #expect(withdrawal?.subject?.target == .opinionId(wrong.id) && withdrawal?.period == missed[0].period)

        h.assessmentClock.advance(seconds: 86_400)
        try await h.service.judgeOpinionDeadlines()
        #expect(try await h.alerts().count == 3, "withdrawn once")
        await h.stop()
    }

    @Test func aRestartRaisesEveryDeadlineThatPassedWhileItWasDownAtOnceAndOnce() async throws {
        let h = try await AssessmentHarness()
        let agency = try await Self.department(h)
        let now = h.intakeNow()
        let first = try await h.reportOpinion(agency, detected: now.adding(seconds: -3000), summary: "first")
        let second = try await h.reportOpinion(agency, detected: now.adding(seconds: -2400), summary: "second")
        _ = try await h.reportOpinion(
            agency, detected: now.adding(seconds: -60), importance: .ordinary, media: now.adding(seconds: -60),
            summary: "still running")
        try await h.sync()
        #expect(try await h.alerts().isEmpty)

        // Down for an hour: a new service over the same database, with its own clock.
        let clock = ManualClock(now.adding(seconds: 3600))
        let progress: @Sendable () -> FeedProgress = { FeedProgress(applied: 0, upstreamHead: nil, connected: true) }
        let restarted = AssessmentService(database: h.assessmentDatabase, clock: clock, progress: progress)
        #expect(restarted.opinionDeadlineArmedFor == nil, "unknown until the first judging")
        try await restarted.judgeOpinionDeadlines()
        let alerts = try await h.alerts()
        #expect(alerts.map { $0.missed?.opinionId } == [first.id, second.id], "both at once, earliest first")
        #expect(restarted.opinionDeadlineArmedFor == now.adding(seconds: -60 + 6 * 3600), "then the next pending one")

        try await restarted.judgeOpinionDeadlines()
        let again = AssessmentService(database: h.assessmentDatabase, clock: clock, progress: progress)
        try await again.judgeOpinionDeadlines()
        #expect(try await h.alerts().count == 2, "each once, however many restarts")
        await h.stop()
    }

    @Test func aReplayFromAnEmptyDatabaseRaisesTheSameAlerts() async throws {
        let h = try await AssessmentHarness()
        let agency = try await Self.department(h)
        var now = h.intakeNow()
        let long = now.adding(seconds: -3 * 86_400)
        _ = try await h.reportOpinion(
            agency, detected: long,
            milestones: [
                h.milestone(.reportedUp, at: long.adding(seconds: 1800)),
                h.milestone(.mediaAttention, at: long.adding(seconds: 3600)),
                h.milestone(.firstStatement, at: long.adding(seconds: 2 * 3600)),
                h.milestone(.inquiriesAccepted, at: long.adding(seconds: 20 * 3600)),  // late
                h.milestone(.formalResponse, at: long.adding(seconds: 23 * 3600)),
            ], summary: "history")
        let recent = now.adding(seconds: -2 * 3600)
        let unrecorded = try await h.reportOpinion(agency, detected: recent, summary: "recorded late")
        now = h.intakeNow()
        let timed = now.adding(seconds: -3599)
        let watched = try await h.reportOpinion(agency, detected: timed, summary: "watched")
        try await h.sync()
        // The timer: once the due time has passed, while caught up, at the wall clock.
        try await Task.sleep(for: .milliseconds(1500))
        h.assessmentClock.set(SystemClock().now())
        try await h.service.judgeOpinionDeadlines()
        h.intakeNow()
        try await h.record(.reportedUp, at: recent.adding(seconds: 1200), on: unrecorded)
        try await h.record(.reportedUp, at: timed.adding(seconds: 3000), on: watched)
        try await h.sync()
        h.assessmentClock.set(SystemClock().now().adding(seconds: 86_400))
        try await h.service.judgeOpinionDeadlines()

        let live = try await h.alerts()
        #expect(
            live.map(\.kind) == [
                .opinionDeadlineMissed, .opinionDeadlineMissed, .opinionDeadlineMissed, .opinionDeadlineMissedWithdrawn,
                .opinionDeadlineMissedWithdrawn,
            ])
        #expect(live.map { $0.missed?.deadline } == [.inquiriesAccepted, .reportUp, .reportUp, nil, nil])
        #expect(live.compactMap { $0.withdrawn?.withdrawnSequence } == [live[1].sequence, live[2].sequence])
        let replayed = try await h.replayedAlerts(judgingAt: h.assessmentClock)
        #expect(replayed.map(\.withoutCreatedAt) == live.map(\.withoutCreatedAt))
        await h.stop()
    }
}
