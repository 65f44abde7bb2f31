/// The four steps of a referral under the Suqian measures (宿迁), in the order they are taken:
/// clue referred (线索移送), investigation (组织开展调查), handling opinion proposed (提出处理意见),
/// decision executed (执行处理决定). Raw values are the proto's ReferralStep numbers.
public enum ReferralStage: Int32, CaseIterable, Comparable, Sendable, CustomStringConvertible {
    case referred = 1
    case investigating = 2
    case opinionProposed = 3
    case decisionExecuted = 4

    /// The step that must come next; nil once the decision is executed.
    public var next: ReferralStage? { ReferralStage(rawValue: rawValue + 1) }

    public static func < (lhs: ReferralStage, rhs: ReferralStage) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The proto's name, so that messages say what a client sends.
    public var description: String {
        switch self {
        case .referred: "REFERRED"
        case .investigating: "INVESTIGATING"
        case .opinionProposed: "OPINION_PROPOSED"
        case .decisionExecuted: "DECISION_EXECUTED"
        }
    }
}
