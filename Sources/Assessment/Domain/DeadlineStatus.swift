/// Where a deadline stands (common.v1.DeadlineStatus; raw values are the proto's numbers, and
/// what the opinion_deadlines table stores).
public enum DeadlineStatus: Int, Sendable {
    /// Not yet due and not yet met.
    case pending = 1
    /// Met at or before the due time.
    case met = 2
    /// The due time passed unmet; stays so when the milestone comes late.
    case missed = 3
}
