public import SharedDomain

/// What assessment keeps of one opinion incident, from its latest snapshot on intake's feed: the
/// facts its deadlines are computed from (DESIGN.md, "Opinion incidents"). Report-up within 1 h of
/// detection for IMPORTANT and MAJOR incidents; first statement 6 h, inquiries accepted 12 h and
/// formal response 24 h after media attention. Pure: "now" is always passed in.
public struct OpinionFacts: Equatable, Sendable {
    public let detectedAt: Instant
    /// IMPORTANT or MAJOR: must be reported up within the hour.
    public let mustReportUp: Bool
    /// Given at reporting or by the MEDIA_ATTENTION milestone.
    public let mediaAttentionAt: Instant?
    /// When each recorded milestone occurred.
    public let milestones: [OpinionMilestoneKind: Instant]

    public init(
        detectedAt: Instant, mustReportUp: Bool, mediaAttentionAt: Instant?, milestones: [OpinionMilestoneKind: Instant]
    ) {
        self.detectedAt = detectedAt
        self.mustReportUp = mustReportUp
        self.mediaAttentionAt = mediaAttentionAt ?? milestones[.mediaAttention]
        self.milestones = milestones
    }

    /// The deadlines that apply so far, in kind order: REPORT_UP if the incident must be reported
    /// up, the other three once media attention began.
    public var deadlines: [OpinionDeadline] {
        var deadlines: [OpinionDeadline] = []
        if mustReportUp {
            deadlines.append(OpinionDeadline(kind: .reportUp, startsAt: detectedAt, metAt: milestones[.reportedUp]))
        }
        if let mediaAttentionAt {
            for kind in [OpinionDeadlineKind.firstStatement, .inquiriesAccepted, .formalResponse] {
                deadlines.append(
                    OpinionDeadline(kind: kind, startsAt: mediaAttentionAt, metAt: milestones[kind.meetingMilestone]))
            }
        }
        return deadlines
    }
}
