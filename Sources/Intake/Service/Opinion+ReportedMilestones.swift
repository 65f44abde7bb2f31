internal import Messages
internal import ServiceKit
internal import SharedDomain

extension Shuangjiang.Intake.V1.Opinion {
    /// Appends the milestones reported with the incident, in the order given (validation has
    /// checked they are in the order they occurred), as RecordOpinionMilestone would one by one:
    /// the domain has the last word, and a rule broken throws before anything is written.
    mutating func record(reported: [Shuangjiang.Intake.V1.ReportedMilestone], now: Instant) throws(OpinionRule) {
        var timeline = self.timeline
        for entry in reported {
            try timeline.record(entry.kind, at: Instant(entry.occurredAt) ?? now)
            var milestone = Shuangjiang.Intake.V1.OpinionMilestone()
            milestone.kind = entry.kind
            milestone.occurredAt = entry.occurredAt
            milestone.note = entry.note
            milestone.recordedAt = now.timestamp
            milestones.append(milestone)
            if entry.kind == .mediaAttention { mediaAttentionAt = entry.occurredAt }
            if entry.kind == .closed { state = .closed }
        }
    }
}
