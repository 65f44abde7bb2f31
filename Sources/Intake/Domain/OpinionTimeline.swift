public import Messages
internal import ServiceKit
public import SharedDomain

/// An incident's milestones and the deadline clocks they run against (DESIGN.md, "Opinion
/// incidents"): report-up within 1 h of detection for important and major incidents; first
/// statement 6 h, inquiries accepted 12 h and formal response 24 h after media attention began.
/// Wall-clock time, 24/7; each milestone at most once, never before detection, nothing after
/// closing. Pure: "now" is always passed in.
public struct OpinionTimeline: Equatable, Sendable {
    public typealias Kind = Shuangjiang.Intake.V1.MilestoneKind
    public typealias DeadlineKind = Shuangjiang.Common.V1.OpinionDeadlineKind

    public let detectedAt: Instant
    public let importance: Shuangjiang.Intake.V1.OpinionImportance
    /// Set at reporting or by the MEDIA_ATTENTION milestone.
    public private(set) var mediaAttentionAt: Instant?
    /// When each recorded milestone occurred.
    public private(set) var milestones: [Kind: Instant] = [:]

    public init(detectedAt: Instant, importance: Shuangjiang.Intake.V1.OpinionImportance, mediaAttentionAt: Instant?) {
        self.detectedAt = detectedAt
        self.importance = importance
        self.mediaAttentionAt = mediaAttentionAt
    }

    public var isClosed: Bool { milestones[.closed] != nil }

    /// Records a milestone, or throws without changing anything.
    public mutating func record(_ kind: Kind, at instant: Instant) throws(OpinionRule) {
        guard !isClosed else { throw .milestoneAfterClose }
        let repeated = milestones[kind] != nil || (kind == .mediaAttention && mediaAttentionAt != nil)
        guard !repeated else { throw .milestoneRepeated }
        guard instant >= detectedAt else { throw .milestoneBeforeDetection }
        milestones[kind] = instant
        if kind == .mediaAttention { mediaAttentionAt = instant }
    }

    /// The time each deadline allows, in seconds.
    public static func allowedSeconds(_ kind: DeadlineKind) -> Int64 {
        switch kind {
        case .reportUp: 3600
        case .firstStatement: 6 * 3600
        case .inquiriesAccepted: 12 * 3600
        case .formalResponse: 24 * 3600
        default: 0
        }
    }

    /// The milestone that meets each deadline.
    public static func meetingMilestone(_ kind: DeadlineKind) -> Kind {
        switch kind {
        case .reportUp: .reportedUp
        case .firstStatement: .firstStatement
        case .inquiriesAccepted: .inquiriesAccepted
        default: .formalResponse
        }
    }

    /// The deadlines that apply so far, in OpinionDeadlineKind order, as they stand at `now`.
    /// A deadline met at or before its due time is MET; one whose due time has passed unmet is
    /// MISSED and stays MISSED when the milestone comes late; otherwise it is PENDING.
    public func deadlines(now: Instant) -> [OpinionDeadlineStatus] {
        var clocks: [(DeadlineKind, Instant)] = []
        if importance == .important || importance == .major { clocks.append((.reportUp, detectedAt)) }
        if let mediaAttentionAt {
            for kind in [DeadlineKind.firstStatement, .inquiriesAccepted, .formalResponse] {
                clocks.append((kind, mediaAttentionAt))
            }
        }
        return clocks.map { kind, start in
            let allowed = Self.allowedSeconds(kind)
            let due = start.adding(seconds: allowed)
            let met = milestones[Self.meetingMilestone(kind)]
            let status: Shuangjiang.Common.V1.DeadlineStatus
            if let met {
                status = met <= due ? .met : .missed
            } else {
                status = now > due ? .missed : .pending
            }
            return OpinionDeadlineStatus(
                kind: kind, startsAt: start, allowedSeconds: allowed, metAt: met, status: status)
        }
    }

    /// Whether some deadline was missed for good: met late. A pending one may still be missed
    /// later; see `earliestOpenDue`.
    public var hasLateMilestone: Bool {
        deadlines(now: detectedAt).contains { $0.metAt != nil && $0.status == .missed }
    }

    /// The earliest due time among deadlines not met yet: from then on the incident has a missed
    /// deadline even if nobody records anything.
    public var earliestOpenDue: Instant? {
        deadlines(now: detectedAt).filter { $0.metAt == nil }.map(\.dueAt).min()
    }
}
