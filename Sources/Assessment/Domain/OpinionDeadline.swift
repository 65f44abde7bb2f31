public import SharedDomain

/// One deadline of an incident: when its clock started, what it allows, and when the milestone
/// meeting it occurred, if it has.
public struct OpinionDeadline: Equatable, Sendable {
    public let kind: OpinionDeadlineKind
    public let startsAt: Instant
    public let metAt: Instant?

    public init(kind: OpinionDeadlineKind, startsAt: Instant, metAt: Instant?) {
        self.kind = kind
        self.startsAt = startsAt
        self.metAt = metAt
    }

    public var dueAt: Instant { startsAt.adding(seconds: kind.allowedSeconds) }

    /// As intake computes it: a milestone at or before the due time meets it; once `now` is past
    /// the due time unmet it is missed, and stays missed when the milestone comes late; due
    /// exactly now is still pending.
    public func status(at now: Instant) -> DeadlineStatus {
        if let metAt { return metAt <= dueAt ? .met : .missed }
        return now > dueAt ? .missed : .pending
    }

    /// Whether a milestone recorded after the deadline was found missed shows it was met on time:
    /// the missed alert was wrong and is withdrawn.
    public var wasMetOnTime: Bool { metAt.map { $0 <= dueAt } ?? false }
}
