internal import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

/// Applies an intake incident snapshot (reported, or after a milestone) to assessment's opinion
/// tables, in the follower's write, judging each of its deadlines at the change's commit time:
/// a deadline met on time is MET, one already past due unmet (or met late) is MISSED and alerted,
/// and a MISSED one that a milestone recorded later shows to have been met on time is MET again,
/// with its alert withdrawn on the feed. Deadlines that fell due before this change were judged
/// already (OpinionDeadlineJudge, before the change is applied).
struct OpinionProjection {
    let timeZone: CityTimeZone

    func apply(_ tx: WriteTransaction, _ snapshot: Shuangjiang.Intake.V1.Opinion, committedAt: Instant) throws {
        guard let key = ResourceKind.opinion.parse(snapshot.id),
            let region = ResourceKind.region.parse(snapshot.regionId),
            let department = ResourceKind.agency.parse(snapshot.departmentAgencyId),
            let facts = OpinionFacts(snapshot: snapshot)
        else { return }
        if let version = try tx.fetchValue(Int64.self, "SELECT version FROM opinions WHERE id = ?", key),
            version >= snapshot.version
        {
            return
        }
        try tx.execute(
            """
            INSERT INTO opinions (id, version, region_id, department_agency_id, importance, summary, detected_at,
                media_attention_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET version = excluded.version, media_attention_at = excluded.media_attention_at
            """, key, snapshot.version, region, department, Int64(snapshot.importance.rawValue), snapshot.summary,
            facts.detectedAt.nanosecondsSinceEpoch, facts.mediaAttentionAt?.nanosecondsSinceEpoch)
        for (kind, occurredAt) in facts.milestones.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            try tx.execute(
                """
                INSERT INTO opinion_milestones (opinion_id, kind, occurred_at) VALUES (?, ?, ?)
                ON CONFLICT (opinion_id, kind) DO NOTHING
                """, key, Int64(kind.rawValue), occurredAt.nanosecondsSinceEpoch)
        }
        var stored: [Int64: (status: Int64, missedAlert: Int64?)] = [:]
        for row in try tx.fetchAll(
            "SELECT kind, status, missed_alert FROM opinion_deadlines WHERE opinion_id = ?", key)
        {
            stored[try row.get(0, as: Int64.self)] = (try row.get(1, as: Int64.self), try row.get(2, as: Int64?.self))
        }
        for deadline in facts.deadlines {
            guard let dueDay = timeZone.date(of: deadline.dueAt) else { continue }
            let row = OpinionDeadlineRow(
                opinion: key, region: region, department: department, summary: snapshot.summary, deadline: deadline,
                dueDay: dueDay)
            let status = deadline.status(at: committedAt)
            var missedAlert: Int64?
            if let previous = stored[Int64(deadline.kind.rawValue)] {
                missedAlert = previous.missedAlert
                switch (DeadlineStatus(rawValue: Int(previous.status)), status) {
                case (.met, _), (.pending, .pending):
                    continue
                case (.missed, .met):
                    if let sequence = previous.missedAlert, let metAt = deadline.metAt {
                        try OpinionDeadlineAlerts.withdrawn(tx, row, sequence: sequence, metAt: metAt)
                    }
                case (.pending, .missed):
                    missedAlert = try OpinionDeadlineAlerts.missed(tx, row)
                default:
                    break
                }
            } else if status == .missed {
                missedAlert = try OpinionDeadlineAlerts.missed(tx, row)
            }
            try tx.execute(
                """
                INSERT INTO opinion_deadlines (opinion_id, kind, region_id, department_agency_id, starts_at, due_at,
                    due_day, met_at, status, missed_alert)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (opinion_id, kind) DO UPDATE SET met_at = excluded.met_at, status = excluded.status,
                    missed_alert = excluded.missed_alert
                """, key, Int64(deadline.kind.rawValue), region, department, deadline.startsAt.nanosecondsSinceEpoch,
                deadline.dueAt.nanosecondsSinceEpoch, Int64(dueDay.key), deadline.metAt?.nanosecondsSinceEpoch,
                Int64(status.rawValue), missedAlert)
        }
    }
}
