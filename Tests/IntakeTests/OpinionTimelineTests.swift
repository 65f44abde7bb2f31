import Intake
import Messages
import ServiceKit
import SharedDomain
import Testing

@Suite struct OpinionTimelineTests {
    let detected = Instant(seconds: 1_700_000_000)
    let hour: Int64 = 3600

    func at(hours: Double) -> Instant {
        detected.adding(seconds: Int64(hours * 3600))
    }

    @Test func anImportantIncidentMustBeReportedUpWithinOneHour() {
        let timeline = OpinionTimeline(detectedAt: detected, importance: .important, mediaAttentionAt: nil)
        let pending = timeline.deadlines(now: at(hours: 0.5))
        #expect(pending.map(\.kind) == [.reportUp])
        #expect(pending[0].status == .pending && pending[0].dueAt == at(hours: 1))
        #expect(timeline.deadlines(now: at(hours: 1)).first?.status == .pending, "due exactly now is not yet missed")
        #expect(timeline.deadlines(now: at(hours: 1).adding(seconds: 1)).first?.status == .missed)
    }

    @Test func anOrdinaryIncidentHasNoReportUpDeadline() {
        let timeline = OpinionTimeline(detectedAt: detected, importance: .ordinary, mediaAttentionAt: nil)
        #expect(timeline.deadlines(now: at(hours: 10)).isEmpty)
    }

    @Test func mediaAttentionStartsTheSixTwelveAndTwentyFourHourClocks() throws {
        var timeline = OpinionTimeline(detectedAt: detected, importance: .major, mediaAttentionAt: nil)
        try timeline.record(.mediaAttention, at: at(hours: 2))
        try timeline.record(.reportedUp, at: at(hours: 0.75))
        try timeline.record(.firstStatement, at: at(hours: 8))  // exactly 6 h after attention
        try timeline.record(.inquiriesAccepted, at: at(hours: 15))  // 13 h: late
        let deadlines = timeline.deadlines(now: at(hours: 20))
        #expect(deadlines.map(\.kind) == [.reportUp, .firstStatement, .inquiriesAccepted, .formalResponse])
        #expect(deadlines.map(\.status) == [.met, .met, .missed, .pending])
        #expect(deadlines[2].metAt == at(hours: 15), "a late milestone stays MISSED with met_at set")
        #expect(deadlines[3].dueAt == at(hours: 26))
        #expect(timeline.deadlines(now: at(hours: 27))[3].status == .missed)
        #expect(timeline.hasLateMilestone)
        #expect(timeline.earliestOpenDue == at(hours: 26))
    }

    @Test func eachMilestoneIsRecordedAtMostOnce() throws {
        var timeline = OpinionTimeline(detectedAt: detected, importance: .ordinary, mediaAttentionAt: at(hours: 1))
        #expect(throws: OpinionRule.milestoneRepeated) { try timeline.record(.mediaAttention, at: at(hours: 2)) }
        try timeline.record(.firstStatement, at: at(hours: 2))
        #expect(throws: OpinionRule.milestoneRepeated) { try timeline.record(.firstStatement, at: at(hours: 3)) }
    }

    @Test func noMilestoneBeforeDetectionOrAfterClosing() throws {
        var timeline = OpinionTimeline(detectedAt: detected, importance: .ordinary, mediaAttentionAt: nil)
        #expect(throws: OpinionRule.milestoneBeforeDetection) {
            try timeline.record(.firstStatement, at: detected.adding(seconds: -1))
        }
        try timeline.record(.closed, at: at(hours: 1))
        #expect(throws: OpinionRule.milestoneAfterClose) { try timeline.record(.formalResponse, at: at(hours: 2)) }
    }
}
