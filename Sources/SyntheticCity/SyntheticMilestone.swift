public import Messages
public import SharedDomain

/// One milestone of a generated opinion incident, in the order it is recorded.
public struct SyntheticMilestone: Sendable, Hashable {
    public typealias V1 = Shuangjiang.Intake.V1

    public let ordinal: Int
    public let kind: V1.MilestoneKind
    /// When it happened.
    public let occurredAt: Instant
    /// When it is recorded in the timeline: when it happened, or right after the report for an
    /// incident reported late with its history.
    public let at: Instant
    public let requestId: String
    public let note: String
    /// Whether it met its deadline too late (ground truth; intake derives the same).
    public let isLate: Bool

    public init(
        ordinal: Int, kind: V1.MilestoneKind, occurredAt: Instant, at: Instant, requestId: String, note: String,
        isLate: Bool
    ) {
        self.ordinal = ordinal
        self.kind = kind
        self.occurredAt = occurredAt
        self.at = at
        self.requestId = requestId
        self.note = note
        self.isLate = isLate
    }

    /// The incident version right before this milestone when replayed in order.
    public var expectedVersion: Int64 { Int64(ordinal) + 1 }

    public func request(opinionId: String, expectedVersion: Int64? = nil) -> V1.RecordOpinionMilestoneRequest {
        var request = V1.RecordOpinionMilestoneRequest()
        request.opinionId = opinionId
        request.expectedVersion = expectedVersion ?? self.expectedVersion
        request.requestId = requestId
        request.kind = kind
        request.occurredAt = occurredAt.timestamp
        request.note = note
        return request
    }
}
