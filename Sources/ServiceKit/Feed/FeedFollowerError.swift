/// Failures of following itself, as opposed to the upstream's or the database's errors.
public enum FeedFollowerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The upstream ended the watch with OK; a follower's watch never ends on its own, so the
    /// upstream is going away.
    case watchEnded
    /// The upstream sent `received` right after `applied`: events in between are missing. What
    /// came before was applied; nothing after is until the upstream sends the missing events.
    case gap(applied: Int64, received: Int64)
    /// The upstream's head is below what this follower has applied: the upstream's database was
    /// restored from an older backup or replaced. Following would skip its next changes (they reuse
    /// the sequence numbers already applied), so the follower applies nothing until it is fixed.
    case upstreamBehind(head: Int64, applied: Int64)
    /// The upstream's event at `sequence`, the last this follower applied, is not the one it
    /// applied (its fingerprint differs): the upstream was restored to an older point and has
    /// written past this follower's cursor again. Its events from there on are another history,
    /// so the follower applies nothing until it is fixed.
    case upstreamDiverged(sequence: Int64)

    public var description: String {
        switch self {
        case .watchEnded: "the upstream ended the watch"
        case .gap(let applied, let received): "the upstream skipped from \(applied) to \(received)"
        case .upstreamBehind(let head, let applied):
            "the upstream's feed ends at \(head) but this service has applied up to \(applied): the upstream was "
                + "restored from an older backup or replaced, and following it would skip its next changes; restore "
                + "this service from a backup no newer than the upstream's (docs/operations.md)"
        case .upstreamDiverged(let sequence):
            "the upstream's event \(sequence) is not the one this service applied there: the upstream was restored from "
                + "an older backup and has written past that point again, so its events are another history; restore "
                + "this service from a backup no newer than the upstream's (docs/operations.md)"
        }
    }
}
