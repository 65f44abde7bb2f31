internal import Synchronization

/// The history case risk scored against in the last write, handed to the next one: valid only if
/// that write committed, which the next one checks against the intake position it finds
/// (a rolled-back write leaves the older position). Saves reading a month's history once per
/// write during a replay.
final class CaseRiskMemo: Sendable {
    struct Entry {
        /// The intake sequence the history reflects.
        let sequence: Int64
        let month: Int64
        let history: CaseRiskHistory
    }

    private let entry = Mutex<Entry?>(nil)

    /// What the last write left, if it left it at exactly `sequence`.
    func entry(at sequence: Int64) -> Entry? {
        entry.withLock { entry in entry?.sequence == sequence ? entry : nil }
    }

    func keep(_ new: Entry?) {
        entry.withLock { $0 = new }
    }
}
