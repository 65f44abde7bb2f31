public import Messages
internal import ServiceKit
internal import SharedDomain

extension Shuangjiang.Intake.V1.CaseState {
    /// The proto enum value's name, for messages.
    public var name: String {
        switch self {
        case .unspecified: "CASE_STATE_UNSPECIFIED"
        case .filed: "FILED"
        case .inMediation: "IN_MEDIATION"
        case .hearingScheduled: "HEARING_SCHEDULED"
        case .concluded: "CONCLUDED"
        case .appealed: "APPEALED"
        case .withdrawn: "WITHDRAWN"
        case .unrecognized(let value): "\(value)"
        }
    }
}
