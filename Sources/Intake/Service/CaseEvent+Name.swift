internal import Messages
internal import ServiceKit
internal import SharedDomain

extension Shuangjiang.Intake.V1.CaseEvent.Event {
    /// The oneof member's proto name, used for field paths and the case_events.kind column.
    var name: String {
        switch self {
        case .mediationStarted: "mediation_started"
        case .mediationConcluded: "mediation_concluded"
        case .selfCorrected: "self_corrected"
        case .hearingScheduled: "hearing_scheduled"
        case .headAppearance: "head_appearance"
        case .concluded: "concluded"
        case .appealed: "appealed"
        case .withdrawn: "withdrawn"
        }
    }
}
