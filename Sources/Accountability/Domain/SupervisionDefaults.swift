/// How a supervision opened from a HIGH_RISK_CASE alert is set up, and the reminder lead of one
/// opened by hand without its own.
public struct SupervisionDefaults: Equatable, Sendable {
    public enum Form: Int32, Sendable {
        /// 挂牌督办.
        case listed = 1
        /// 包案化解.
        case leaderOwnership = 2
    }

    /// Whether HIGH_RISK_CASE alerts open supervisions at all.
    public var fromHighRiskCases = true
    public var form = Form.listed
    public var ownerName = "区县政府分管负责人"
    public var ownerPosition = "案件所在区县人民政府分管负责人"
    public var plan = "一案一策: 逐案分析败诉风险, 组织协调化解, 依法应诉"
    /// Deadline: the alert's time plus this many days.
    public var dueDays: Int64 = 30
    /// The reminder goes out this long before the deadline.
    public var reminderLeadSeconds: Int64 = 3 * 86_400

    /// The longest reminder lead a request may ask for (30 days).
    public static let maxReminderLeadSeconds: Int64 = 30 * 86_400

    public init() {}
}
