internal import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

/// Raises alerts at most once each: every alert has a key naming what it is about ("case_lost/42",
/// "loss_rate/region-3/2024Q1"), and a key already used raises nothing. The alert itself is an
/// entry of this database's feed, so WatchAlerts serves it with the feed's guarantees.
enum AlertLog {
    typealias V1 = Shuangjiang.Assessment.V1

    /// - Returns: the new alert's sequence, or nil when `key` was raised before.
    @discardableResult
    static func raise(
        _ tx: WriteTransaction, key: String, _ alert: V1.Alert, regionKey: Int64?, period: CalendarPeriod
    ) throws -> Int64? {
        if try tx.fetchOne("SELECT 1 FROM alerts WHERE alert_key = ?", key) != nil { return nil }
        var stored = alert
        stored.period = Shuangjiang.Common.V1.Period(period)
        let sequence = try tx.appendEvent(
            kind: key.prefix { $0 != "/" }.description, payload: try stored.serializedBytes())
        try tx.execute(
            """
            INSERT INTO alerts (sequence, alert_key, kind, region_id, period_first, period_last, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, sequence, key, Int64(alert.kind.rawValue), regionKey.map { DatabaseValue.integer($0) } ?? .null,
            Int64(period.days.lowerBound.key), Int64(period.days.upperBound.key), tx.batchTimestamp)
        return sequence
    }

    /// A feed entry as the Alert clients see: the stored alert plus its sequence and time.
    @Sendable static func alert(_ event: FeedEvent) throws -> V1.Alert {
        var alert = try V1.Alert(storedBytes: event.payload)
        alert.sequence = event.seq
        alert.createdAt = Instant(milliseconds: event.committedAt).timestamp
        return alert
    }
}
