internal import Messages
internal import ServiceKit
internal import SharedDomain

extension Shuangjiang.Intake.V1.Opinion {
    /// The incident's milestones as the domain's timeline. Media attention given at reporting is
    /// the timeline's starting value; a MEDIA_ATTENTION milestone is replayed like the others.
    var timeline: OpinionTimeline {
        let recordedMedia = milestones.contains { $0.kind == .mediaAttention }
        var timeline = OpinionTimeline(
            detectedAt: Instant(detectedAt) ?? Instant(seconds: 0), importance: importance,
            mediaAttentionAt: recordedMedia ? nil : Instant(mediaAttentionAt))
        for milestone in milestones {
            // Stored milestones passed these rules when recorded; replay cannot fail.
            try? timeline.record(milestone.kind, at: Instant(milestone.occurredAt) ?? timeline.detectedAt)
        }
        return timeline
    }

    /// Recomputes `deadlines` as they stand at `now`.
    mutating func refreshDeadlines(now: Instant) {
        deadlines = timeline.deadlines(now: now).map { status in
            var deadline = Shuangjiang.Intake.V1.OpinionDeadline()
            deadline.kind = status.kind
            deadline.startsAt = status.startsAt.timestamp
            var allowed = Google.Protobuf.Duration()
            allowed.seconds = status.allowedSeconds
            deadline.allowed = allowed
            deadline.dueAt = status.dueAt.timestamp
            deadline.status = status.status
            deadline.metAt = status.metAt?.timestamp
            return deadline
        }
    }
}
