import Assessment
import SharedDomain
import Testing

/// The deadline rules, pure, tested as intake's OpinionTimelineTests test intake's copy of them.
@Suite struct OpinionDeadlineRulesTests {
    let detected = Instant(seconds: 1_700_000_000)

    func at(hours: Double) -> Instant {
        detected.adding(seconds: Int64(hours * 3600))
    }

    func facts(mustReportUp: Bool, media: Instant? = nil, _ milestones: [OpinionMilestoneKind: Instant] = [:])
        -> OpinionFacts
    {
        OpinionFacts(detectedAt: detected, mustReportUp: mustReportUp, mediaAttentionAt: media, milestones: milestones)
    }

    @Test func anImportantIncidentMustBeReportedUpWithinOneHour() {
        let deadlines = facts(mustReportUp: true).deadlines
        #expect(deadlines.map(\.kind) == [.reportUp])
        #expect(deadlines[0].dueAt == at(hours: 1) && deadlines[0].status(at: at(hours: 0.5)) == .pending)
        #expect(deadlines[0].status(at: at(hours: 1)) == .pending, "due exactly now is not yet missed")
        #expect(deadlines[0].status(at: at(hours: 1).adding(seconds: 1)) == .missed)
        let justPast = Instant(seconds: at(hours: 1).seconds, nanos: 1)
        #expect(deadlines[0].status(at: justPast) == .missed, "compared to the nanosecond")
    }

    @Test func anOrdinaryIncidentHasNoReportUpDeadline() {
        #expect(facts(mustReportUp: false).deadlines.isEmpty)
    }

    @Test func mediaAttentionStartsTheSixTwelveAndTwentyFourHourClocks() {
        let incident = facts(
            mustReportUp: true,
            [
                .mediaAttention: at(hours: 2), .reportedUp: at(hours: 0.75),
                .firstStatement: at(hours: 8),  // exactly 6 h after attention
                .inquiriesAccepted: at(hours: 15),  // 13 h: late
            ])
        #expect(incident.mediaAttentionAt == at(hours: 2), "the MEDIA_ATTENTION milestone starts the clocks")
        let deadlines = incident.deadlines
        #expect(deadlines.map(\.kind) == [.reportUp, .firstStatement, .inquiriesAccepted, .formalResponse])
        #expect(deadlines.map { $0.status(at: at(hours: 20)) } == [.met, .met, .missed, .pending])
        #expect(deadlines[2].metAt == at(hours: 15), "a late milestone stays MISSED with its time")
        #expect(deadlines[3].dueAt == at(hours: 26) && deadlines[3].status(at: at(hours: 27)) == .missed)
        #expect(deadlines.map(\.wasMetOnTime) == [true, true, false, false])
    }

    @Test func theTimeEachDeadlineAllowsAndTheMilestoneThatMeetsIt() {
        let allowed: [Int64] = [3600, 21_600, 43_200, 86_400]
        #expect(OpinionDeadlineKind.allCases.map(\.allowedSeconds) == allowed)
        let meeting: [OpinionMilestoneKind] = [.reportedUp, .firstStatement, .inquiriesAccepted, .formalResponse]
        #expect(OpinionDeadlineKind.allCases.map(\.meetingMilestone) == meeting)
        #expect(
            OpinionDeadlineKind.allCases.map(\.rawValue) == [1, 2, 3, 4], "common.v1.OpinionDeadlineKind's numbers")
    }

    @Test func aMilestoneAfterTheDueTimeKeepsTheDeadlineMissedEvenBeforeNowPassesIt() {
        // A milestone may be dated a few seconds ahead of the recording clock (tolerated skew).
        let deadline = OpinionDeadline(kind: .reportUp, startsAt: detected, metAt: at(hours: 1).adding(seconds: 3))
        #expect(deadline.status(at: at(hours: 1).adding(seconds: -2)) == .missed)
    }

    @Test func theOnTimeRateLeavesPendingDeadlinesOut() {
        var tally = DeadlineTally()
        tally.count(.met, 3)
        tally.count(.missed)
        tally.count(.pending, 5)
        #expect(tally.onTimeRate.numerator == 3 && tally.onTimeRate.denominator == 4)
        #expect(tally.onTimeRate.formula == "opinion.on_time")
        #expect(DeadlineTally(pending: 2).onTimeRate.fraction == nil, "nothing resolved: undefined, not 0")
    }

    @Test func departmentsAreOrderedLowestOverallRateFirstAndUnratedLast() {
        func department(_ key: Int64, met: Int64, missed: Int64, pending: Int64 = 0) -> DepartmentCompliance {
            var compliance = DepartmentCompliance(department: key)
            compliance.tallies[.reportUp] = DeadlineTally(met: met, missed: missed)
            compliance.tallies[.formalResponse] = DeadlineTally(pending: pending)
            return compliance
        }
        let departments = [
            department(1, met: 2, missed: 2), department(2, met: 0, missed: 0, pending: 3),
            department(3, met: 1, missed: 1),
            department(4, met: 0, missed: 1), department(5, met: 3, missed: 0),
        ]
        #expect(departments.sorted(by: DepartmentCompliance.worstFirst).map(\.department) == [4, 1, 3, 5, 2])
        #expect(departments[1].overall == DeadlineTally(pending: 3))
        #expect(departments[0].byKind.map(\.kind) == OpinionDeadlineKind.allCases)
    }
}
