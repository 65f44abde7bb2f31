internal import Messages
internal import ServiceKit
internal import SharedDomain

extension OpinionFacts {
    /// The facts of an intake incident snapshot, as intake's own timeline reads it; nil for one
    /// whose detection cannot be stored exactly, which is then skipped rather than misjudged.
    init?(snapshot: Shuangjiang.Intake.V1.Opinion) {
        func storable(_ timestamp: Google.Protobuf.Timestamp?) -> Instant? {
            guard let instant = Instant(timestamp), Instant.storableSeconds.contains(instant.seconds) else {
                return nil
            }
            return instant
        }
        guard let detectedAt = storable(snapshot.detectedAt) else { return nil }
        var milestones: [OpinionMilestoneKind: Instant] = [:]
        for milestone in snapshot.milestones {
            guard let kind = OpinionMilestoneKind(rawValue: Int(milestone.kind.rawValue)),
                let occurredAt = storable(milestone.occurredAt), milestones[kind] == nil
            else { continue }
            milestones[kind] = occurredAt
        }
        self.init(
            detectedAt: detectedAt, mustReportUp: snapshot.importance == .important || snapshot.importance == .major,
            mediaAttentionAt: storable(snapshot.mediaAttentionAt), milestones: milestones)
    }
}
