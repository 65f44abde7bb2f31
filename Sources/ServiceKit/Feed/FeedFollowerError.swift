/// Failures of following itself, as opposed to the upstream's or the database's errors.
public enum FeedFollowerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The upstream ended the watch with OK; a follower's watch never ends on its own, so the
    /// upstream is going away.
    case watchEnded
    /// The upstream sent `received` right after `applied`: events in between are missing. What
    /// came before was applied; nothing after is until the upstream sends the missing events.
    case gap(applied: Int64, received: Int64)

    public var description: String {
        switch self {
        case .watchEnded: "the upstream ended the watch"
        case .gap(let applied, let received): "the upstream skipped from \(applied) to \(received)"
        }
    }
}
