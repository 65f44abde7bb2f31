internal import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

/// Finds pending deadlines missed as of a feed time and raises OPINION_DEADLINE_MISSED for each,
/// once. Feed time is the commit time of the next intake change before it is applied, or the
/// service's clock once assessment has caught up (the watch's timer): so whether a deadline was
/// missed depends only on intake's feed, never on when assessment read it.
struct OpinionDeadlineJudge {
    let timeZone: CityTimeZone

    /// The earliest due time (ns since 1970) of a pending deadline, or nil when none is pending:
    /// nothing can be missed before it, so a replay asks this once and judges only past it.
    static func earliestPending(_ tx: some Transaction) throws -> Int64? {
        try tx.fetchValue(Int64.self, "SELECT min(due_at) FROM opinion_deadlines WHERE status = 1")
    }

    /// Judges every pending deadline whose due time `now` has passed, earliest first (then by
    /// incident and kind), so catching up after a restart raises them all at once in one order.
    func judge(_ tx: WriteTransaction, now: Instant) throws {
        let rows = try tx.fetchAll(
            """
            SELECT d.opinion_id, d.kind, d.region_id, d.department_agency_id, d.starts_at, d.due_day, o.summary
            FROM opinion_deadlines d JOIN opinions o ON o.id = d.opinion_id
            WHERE d.status = 1 AND d.due_at < ? ORDER BY d.due_at, d.opinion_id, d.kind
            """, now.nanosecondsSinceEpoch)
        for row in rows {
            guard let kind = OpinionDeadlineKind(rawValue: Int(try row.get(1, as: Int64.self))),
                let dueDay = CivilDate(key: Int32(try row.get(5, as: Int64.self)))
            else { continue }
            let deadline = OpinionDeadline(
                kind: kind, startsAt: Instant(nanosecondsSinceEpoch: try row.get(4, as: Int64.self)), metAt: nil)
            guard deadline.status(at: now) == .missed else { continue }
            let stored = OpinionDeadlineRow(
                opinion: try row.get(0, as: Int64.self), region: try row.get(2, as: Int64.self),
                department: try row.get(3, as: Int64.self), summary: try row.get(6, as: String.self),
                deadline: deadline,
                dueDay: dueDay)
            let sequence = try OpinionDeadlineAlerts.missed(tx, stored)
            try tx.execute(
                "UPDATE opinion_deadlines SET status = ?, missed_alert = ? WHERE opinion_id = ? AND kind = ?",
                Int64(DeadlineStatus.missed.rawValue), sequence.map { DatabaseValue.integer($0) } ?? .null,
                stored.opinion, Int64(kind.rawValue))
        }
    }
}
