internal import Messages
internal import ServiceKit
internal import SharedDomain

extension Violations {
    /// One of each kind at most, so more than this is wrong whatever they are; checked first so a
    /// huge list cannot fill the error with a violation per entry.
    static let maxReportedMilestones = 6

    /// The milestones given with ReportOpinion, checked as RecordOpinionMilestone checks one. The
    /// whole history is in the request, so a history that contradicts itself (out of order, a kind
    /// twice, before detection, after closing) is a bad request naming the entry, not a state the
    /// incident is in.
    mutating func reportedMilestones(
        _ milestones: [Shuangjiang.Intake.V1.ReportedMilestone], detected: Instant?, mediaAttentionGiven: Bool,
        latest: Instant
    ) {
        guard milestones.count <= Self.maxReportedMilestones else {
            add("milestones", "at most \(Self.maxReportedMilestones): each kind of milestone at most once")
            return
        }
        var seen: Set<Shuangjiang.Intake.V1.MilestoneKind> = []
        var previous: Instant?
        var closedAt: Int?
        for (index, milestone) in milestones.enumerated() {
            let path = "milestones[\(index)]"
            required(milestone.kind, "\(path).kind")
            if let closedAt {
                add("\(path).kind", "nothing may follow the CLOSED milestone (milestones[\(closedAt)])")
            } else if milestone.kind == .mediaAttention && mediaAttentionGiven {
                add("\(path).kind", "MEDIA_ATTENTION is already given as media_attention_at")
            } else if milestone.kind != .unspecified && !seen.insert(milestone.kind).inserted {
                add("\(path).kind", "each kind of milestone at most once")
            }
            if milestone.kind == .closed && closedAt == nil { closedAt = index }
            if let occurred = pastInstant(milestone.occurredAt, "\(path).occurred_at", latest: latest) {
                if let detected, occurred < detected {
                    add("\(path).occurred_at", "must not be before detected_at")
                } else if let previous, occurred < previous {
                    add(
                        "\(path).occurred_at",
                        "must not be before milestones[\(index - 1)].occurred_at: milestones are given in the order they occurred"
                    )
                }
                previous = occurred
            }
            text(milestone.note, "\(path).note", 1...2000, required: false)
        }
    }
}
