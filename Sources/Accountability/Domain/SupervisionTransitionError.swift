public import SharedDomain

/// Why a supervised case cannot change as asked.
public enum SupervisionTransitionError: Error, Equatable, Sendable {
    /// Closed out: nothing changes it any more.
    case closed
    /// A new deadline must lie after now.
    case deadlineNotInFuture(now: Instant)
}
