internal import Messages
internal import SharedDomain

/// A case's planned events, kept in date order as they are added: a date earlier than the last
/// one is moved up to it, since intake refuses events dated before what they follow.
struct EventSequence: Sendable {
    typealias V1 = Shuangjiang.Intake.V1

    private(set) var events: [PlannedEvent] = []
    private(set) var last: CivilDate

    init(filedOn: CivilDate) { last = filedOn }

    /// Adds `event` built for its (possibly moved-up) date; returns that date.
    @discardableResult
    mutating func add(_ date: CivilDate, _ make: (CivilDate) -> V1.CaseEvent.Event) -> CivilDate {
        let day = max(date, last)
        events.append(PlannedEvent(date: day, event: make(day)))
        last = day
        return day
    }
}
