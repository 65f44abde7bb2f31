/// Where a supervised case stands. Raw values are the proto's SupervisionState.
public enum SupervisionState: Int32, Sendable {
    /// Under way, before the deadline.
    case active = 1
    /// The deadline passed without close-out and the case was escalated.
    case overdue = 2
    /// Closed out (销号). Final.
    case closed = 3
}
