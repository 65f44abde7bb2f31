internal import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

/// The two opinion-deadline alerts, about the incident, for the month of the due time.
enum OpinionDeadlineAlerts {
    typealias V1 = Shuangjiang.Assessment.V1

    /// OPINION_DEADLINE_MISSED; its sequence, or nil if it was raised before.
    static func missed(_ tx: WriteTransaction, _ row: OpinionDeadlineRow) throws -> Int64? {
        var details = V1.OpinionDeadlineMissed()
        details.opinionId = row.opinionId
        details.departmentAgencyId = ResourceKind.agency.format(row.department)
        details.regionId = ResourceKind.region.format(row.region)
        details.deadline = Shuangjiang.Common.V1.OpinionDeadlineKind(rawValue: Int32(row.deadline.kind.rawValue))
        details.startsAt = row.deadline.startsAt.timestamp
        details.dueAt = row.deadline.dueAt.timestamp
        var alert = V1.Alert()
        alert.kind = .opinionDeadlineMissed
        alert.subject = subject(row)
        alert.details = .opinionDeadlineMissed(details)
        return try AlertLog.raise(
            tx, key: row.missedKey, alert, regionKey: row.region, period: .month(containing: row.dueDay))
    }

    /// OPINION_DEADLINE_MISSED_WITHDRAWN, naming the missed alert `sequence`: the milestone
    /// that occurred at `metAt` met the deadline in time after all.
    @discardableResult
    static func withdrawn(_ tx: WriteTransaction, _ row: OpinionDeadlineRow, sequence: Int64, metAt: Instant) throws
        -> Int64?
    {
        var details = V1.OpinionDeadlineMissedWithdrawn()
        details.withdrawnSequence = sequence
        details.opinionId = row.opinionId
        details.deadline = Shuangjiang.Common.V1.OpinionDeadlineKind(rawValue: Int32(row.deadline.kind.rawValue))
        details.metAt = metAt.timestamp
        var alert = V1.Alert()
        alert.kind = .opinionDeadlineMissedWithdrawn
        alert.subject = subject(row)
        alert.details = .opinionDeadlineMissedWithdrawn(details)
        return try AlertLog.raise(
            tx, key: row.withdrawnKey, alert, regionKey: row.region, period: .month(containing: row.dueDay))
    }

    private static func subject(_ row: OpinionDeadlineRow) -> V1.AlertSubject {
        var subject = V1.AlertSubject()
        subject.target = .opinionId(row.opinionId)
        subject.displayName = row.summary
        return subject
    }
}
