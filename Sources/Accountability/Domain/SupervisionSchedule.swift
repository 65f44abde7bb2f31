public import SharedDomain

/// A supervised case's deadline clock (限时化解): the reminder `reminderLeadSeconds` before the
/// deadline, the escalation at it, each raised once per deadline, and what a new deadline or a
/// close-out does to them. Pure: time is passed in; the timer asks `nextAlarm` when to come back.
public struct SupervisionSchedule: Equatable, Sendable {
    public private(set) var state: SupervisionState
    public private(set) var dueAt: Instant
    public let reminderLeadSeconds: Int64
    /// Set once the reminder for the current deadline went out.
    public private(set) var remindedAt: Instant?
    /// Set once the current deadline passed and the case was escalated.
    public private(set) var escalatedAt: Instant?

    public init(
        dueAt: Instant, reminderLeadSeconds: Int64, state: SupervisionState = .active, remindedAt: Instant? = nil,
        escalatedAt: Instant? = nil
    ) {
        precondition(reminderLeadSeconds > 0, "a reminder comes before its deadline")
        self.state = state
        self.dueAt = dueAt
        self.reminderLeadSeconds = reminderLeadSeconds
        self.remindedAt = remindedAt
        self.escalatedAt = escalatedAt
    }

    /// When the reminder for the current deadline falls due.
    public var remindAt: Instant { dueAt.adding(seconds: -reminderLeadSeconds) }

    /// The next instant something falls due: the reminder, else the escalation; nil once both
    /// are done for this deadline or the case is closed.
    public var nextAlarm: Instant? {
        guard state != .closed, escalatedAt == nil else { return nil }
        return remindedAt == nil ? remindAt : dueAt
    }

    /// Raises whatever has fallen due by `now`, once. A deadline already passed raises the
    /// escalation only: a reminder after the fact would remind of nothing.
    public mutating func fire(now: Instant) -> [SupervisionNotice] {
        guard state != .closed, escalatedAt == nil else { return [] }
        if now >= dueAt {
            escalatedAt = now
            state = .overdue
            return [SupervisionNotice(kind: .overdue, dueAt: dueAt, scheduledAt: dueAt, raisedAt: now)]
        }
        if remindedAt == nil && now >= remindAt {
            remindedAt = now
            return [SupervisionNotice(kind: .reminder, dueAt: dueAt, scheduledAt: remindAt, raisedAt: now)]
        }
        return []
    }

    /// A new deadline: the reminder and escalation start over for it, and an overdue case is
    /// active again.
    public mutating func reschedule(to newDue: Instant, now: Instant) throws(SupervisionTransitionError) {
        guard state != .closed else { throw .closed }
        guard newDue > now else { throw .deadlineNotInFuture(now: now) }
        dueAt = newDue
        remindedAt = nil
        escalatedAt = nil
        state = .active
    }

    /// Anything but a new deadline or a close-out (a note, a new owner) needs the case open.
    public func requireOpen() throws(SupervisionTransitionError) {
        guard state != .closed else { throw .closed }
    }

    /// Close-out (销号): final.
    public mutating func close() throws(SupervisionTransitionError) {
        guard state != .closed else { throw .closed }
        state = .closed
    }
}
