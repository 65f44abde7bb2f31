/// A registration made with `Database.onCommit`; cancel it to stop the calls.
public struct CommitObservation: Sendable {
    let notifier: FeedNotifier
    let id: UInt64?

    public func cancel() {
        if let id { notifier.remove(id) }
    }
}
