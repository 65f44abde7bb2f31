public import SharedDomain

/// What the timer raises for a supervised case: the reminder before its deadline or the
/// escalation once the deadline has passed.
public struct SupervisionNotice: Equatable, Sendable {
    public enum Kind: Int32, Sendable {
        case reminder = 1
        case overdue = 2
    }

    public var kind: Kind
    /// The deadline it is about.
    public var dueAt: Instant
    /// When it fell due.
    public var scheduledAt: Instant
    /// When it was raised (later than scheduled if the service was down then).
    public var raisedAt: Instant

    public init(kind: Kind, dueAt: Instant, scheduledAt: Instant, raisedAt: Instant) {
        self.kind = kind
        self.dueAt = dueAt
        self.scheduledAt = scheduledAt
        self.raisedAt = raisedAt
    }
}
