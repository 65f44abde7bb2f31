internal import Messages
internal import SharedDomain

/// A case event as planned, possibly after the city's last day (then it is not emitted).
struct PlannedEvent: Sendable {
    let date: CivilDate
    var event: Shuangjiang.Intake.V1.CaseEvent.Event
}
