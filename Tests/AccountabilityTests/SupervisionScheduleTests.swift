import Accountability
import ServiceKit
import SharedDomain
import Testing

/// The supervision deadline clock alone: one reminder and one escalation per deadline, at their
/// instants; a new deadline starts both over; a closed case refuses everything.
@Suite struct SupervisionScheduleTests {
    static let due = Instant(seconds: 1_800_000_000)
    static let lead: Int64 = 3 * 86_400

    static func schedule() -> SupervisionSchedule {
        SupervisionSchedule(dueAt: due, reminderLeadSeconds: lead)
    }

    @Test func theReminderFallsDueTheLeadBeforeTheDeadlineThenTheEscalationAtIt() {
        var schedule = Self.schedule()
        #expect(schedule.nextAlarm == Self.due.adding(seconds: -Self.lead))
        #expect(schedule.fire(now: Self.due.adding(seconds: -Self.lead - 1)).isEmpty)
        let reminders = schedule.fire(now: schedule.remindAt)
        #expect(reminders.map(\.kind) == [.reminder])
        #expect(reminders.first?.scheduledAt == schedule.remindAt && reminders.first?.dueAt == Self.due)
        #expect(schedule.remindedAt == schedule.remindAt && schedule.state == .active)
        #expect(schedule.nextAlarm == Self.due)
        // Once only.
        #expect(schedule.fire(now: Self.due.adding(seconds: -1)).isEmpty)
        let escalations = schedule.fire(now: Self.due)
        #expect(escalations.map(\.kind) == [.overdue])
        #expect(schedule.state == .overdue && schedule.escalatedAt == Self.due)
        #expect(schedule.nextAlarm == nil)
        #expect(schedule.fire(now: Self.due.adding(seconds: 86_400)).isEmpty)
    }

    /// The service was down through both instants: on restart the escalation is raised at once,
    /// once, and the moot reminder not at all.
    @Test func aDeadlinePassedWhileDownRaisesOnlyTheEscalationOnce() {
        var schedule = Self.schedule()
        let restart = Self.due.adding(seconds: 7200)
        let notices = schedule.fire(now: restart)
        #expect(
            notices == [SupervisionNotice(kind: .overdue, dueAt: Self.due, scheduledAt: Self.due, raisedAt: restart)])
        #expect(schedule.remindedAt == nil && schedule.escalatedAt == restart)
        #expect(schedule.fire(now: restart).isEmpty)
    }

    @Test func aNewDeadlineStartsTheReminderAndEscalationOverAndMakesItActive() throws {
        var schedule = Self.schedule()
        _ = schedule.fire(now: Self.due)
        #expect(schedule.state == .overdue)
        let now = Self.due.adding(seconds: 60)
        let later = Self.due.adding(seconds: 10 * 86_400)
        try schedule.reschedule(to: later, now: now)
        #expect(schedule.state == .active && schedule.dueAt == later)
        #expect(schedule.remindedAt == nil && schedule.escalatedAt == nil)
        #expect(schedule.nextAlarm == later.adding(seconds: -Self.lead))
    }

    @Test func aNewDeadlineMustLieAfterNow() {
        var schedule = Self.schedule()
        let now = Self.due.adding(seconds: -100)
        #expect(throws: SupervisionTransitionError.deadlineNotInFuture(now: now)) {
            try schedule.reschedule(to: now, now: now)
        }
        #expect(schedule == Self.schedule())
    }

    /// Closed is final: no second close-out, no new deadline, no note or owner change, no alarm.
    @Test func aClosedCaseRefusesEveryChangeAndRaisesNothing() throws {
        var schedule = Self.schedule()
        try schedule.close()
        #expect(schedule.state == .closed && schedule.nextAlarm == nil)
        #expect(throws: SupervisionTransitionError.closed) { try schedule.close() }
        #expect(throws: SupervisionTransitionError.closed) {
            try schedule.reschedule(to: Self.due.adding(seconds: 86_400), now: Self.due)
        }
        #expect(throws: SupervisionTransitionError.closed) { try schedule.requireOpen() }
        #expect(schedule.fire(now: Self.due.adding(seconds: 86_400)).isEmpty)
    }

    @Test func anOverdueCaseCanStillBeClosedOut() throws {
        var schedule = Self.schedule()
        _ = schedule.fire(now: Self.due)
        try schedule.requireOpen()
        try schedule.close()
        #expect(schedule.state == .closed)
    }

    /// A reminder instant already past when the item opens goes out at once.
    @Test func aReminderAlreadyDueWhenOpenedIsRaisedAtOnce() {
        var schedule = SupervisionSchedule(dueAt: Self.due, reminderLeadSeconds: 10 * 86_400)
        let opened = Self.due.adding(seconds: -86_400)
        #expect(schedule.nextAlarm! < opened)
        #expect(schedule.fire(now: opened).map(\.kind) == [.reminder])
    }
}
