public import SharedDomain

/// The aggravating circumstance the service can see for itself: the same agency losing
/// `minimumLosses` or more cases within `windowDays` days (从重: 一年内两次以上败诉).
public struct RepeatedLossRule: Equatable, Sendable {
    public var windowDays: Int64 = 365
    public var minimumLosses = 2

    public init() {}

    /// The days whose losses count with a loss concluded on `date`: the window ending that day.
    public func window(endingOn date: CivilDate) -> ClosedRange<CivilDate> {
        (date.adding(days: -(windowDays - 1)) ?? date)...date
    }

    /// The losses in the window (this one included) that make the circumstance, or nil when there
    /// are too few. `losses` are (case key, day concluded) of the agency.
    public func circumstance<Key: Comparable>(
        endingOn date: CivilDate, losses: [(key: Key, concludedOn: CivilDate)]
    ) -> [(key: Key, concludedOn: CivilDate)]? {
        let window = window(endingOn: date)
        let counted = losses.filter { window.contains($0.concludedOn) }.sorted {
            ($0.concludedOn, $0.key) < ($1.concludedOn, $1.key)
        }
        return counted.count >= minimumLosses ? counted : nil
    }
}
