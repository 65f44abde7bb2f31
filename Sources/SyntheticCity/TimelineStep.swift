public import SharedDomain

/// One request of the history at the moment it would have been sent. `SyntheticCity.timeline`
/// holds every request in this order, so a loader that replays it (optionally moving a manual
/// clock to `at` first) recreates the history as it happened.
public struct TimelineStep: Hashable, Sendable {
    public let at: Instant
    public let action: TimelineAction

    public init(at: Instant, action: TimelineAction) {
        self.at = at
        self.action = action
    }
}
