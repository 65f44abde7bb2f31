/// Where an escalation stands, and its one transition: a pending escalation is held (completed)
/// or called off (cancelled), once. Raw values are the proto's EscalationStatus.
public enum EscalationStatus: Int32, Sendable {
    case pending = 1
    case completed = 2
    case cancelled = 3

    /// The status after recording `outcome` (completed or cancelled), or nil if this one is final.
    public func recording(_ outcome: EscalationStatus) -> EscalationStatus? {
        guard self == .pending, outcome != .pending else { return nil }
        return outcome
    }
}
