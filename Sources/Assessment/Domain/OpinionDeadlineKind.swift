/// The four response deadlines of an opinion incident (common.v1.OpinionDeadlineKind; raw values
/// are the proto's numbers), with the time each allows and the milestone that meets it. The same
/// rules as intake's OpinionTimeline: services share no code, so they are restated here and tested
/// the same way.
public enum OpinionDeadlineKind: Int, CaseIterable, Comparable, Sendable {
    /// 速报: reported up within 1 hour of detection (IMPORTANT and MAJOR incidents).
    case reportUp = 1
    /// 发声: first public statement within 6 hours of media attention.
    case firstStatement = 2
    /// 受理问询: inquiries accepted within 12 hours of media attention.
    case inquiriesAccepted = 3
    /// 正式回应: formal response within 24 hours of media attention.
    case formalResponse = 4

    public var allowedSeconds: Int64 {
        switch self {
        case .reportUp: 3600
        case .firstStatement: 6 * 3600
        case .inquiriesAccepted: 12 * 3600
        case .formalResponse: 24 * 3600
        }
    }

    public var meetingMilestone: OpinionMilestoneKind {
        switch self {
        case .reportUp: .reportedUp
        case .firstStatement: .firstStatement
        case .inquiriesAccepted: .inquiriesAccepted
        case .formalResponse: .formalResponse
        }
    }

    /// The last part of an alert key ("deadline_missed/opinion-7/report_up").
    public var keyName: String {
        switch self {
        case .reportUp: "report_up"
        case .firstStatement: "first_statement"
        case .inquiriesAccepted: "inquiries_accepted"
        case .formalResponse: "formal_response"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
