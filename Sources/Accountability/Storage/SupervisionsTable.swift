internal import Storage

/// Supervised cases, with what the timer and the lists need as columns.
enum SupervisionsTable {
    /// The columns a supervision is filed under, kept with its body.
    struct Columns {
        var kind: Int32
        var state: Int32
        var caseKey: Int64
        var region: Int64
        /// ms.
        var dueAt: Int64
        /// ms; nil when nothing is pending.
        var nextAlarmAt: Int64?
        var openedOn: Int32
        var closedOn: Int32?
    }

    static func insert(
        _ tx: WriteTransaction, key: Int64, _ columns: Columns, openedFromAlert: Int64?, version: Int64, body: [UInt8]
    ) throws {
        try tx.execute(
            """
            INSERT INTO supervisions (id, kind, state, case_id, region_id, due_at, next_alarm_at, opened_from_alert,
                opened_on, closed_on, version, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            arguments: [
                key, Int64(columns.kind), Int64(columns.state), columns.caseKey, columns.region, columns.dueAt,
                columns.nextAlarmAt, openedFromAlert, Int64(columns.openedOn), columns.closedOn.map { Int64($0) },
                version,
                body,
            ])
    }

    static func update(_ tx: WriteTransaction, key: Int64, _ columns: Columns, version: Int64, body: [UInt8]) throws {
        try tx.execute(
            """
            UPDATE supervisions SET state = ?, due_at = ?, next_alarm_at = ?, closed_on = ?, version = ?, body = ?
            WHERE id = ?
            """,
            arguments: [
                Int64(columns.state), columns.dueAt, columns.nextAlarmAt, columns.closedOn.map { Int64($0) }, version,
                body,
                key,
            ])
    }

    /// The supervision of `caseKey` that is not closed, if any.
    static func open(_ tx: some Transaction, caseKey: Int64) throws -> Int64? {
        try tx.fetchValue(Int64.self, "SELECT id FROM supervisions WHERE case_id = ? AND state <> 3", caseKey)
    }

    static func openedFrom(_ tx: some Transaction, alert: Int64) throws -> Int64? {
        try tx.fetchValue(Int64.self, "SELECT id FROM supervisions WHERE opened_from_alert = ?", alert)
    }

    /// Those whose next alarm is at or before `now` (ms), earliest first.
    static func due(_ tx: some Transaction, now: Int64) throws -> [(key: Int64, body: [UInt8])] {
        try tx.fetchAll(
            "SELECT id, body FROM supervisions WHERE next_alarm_at <= ? ORDER BY next_alarm_at, id", now
        ).map { (try $0.get(0), try $0.get(1)) }
    }

    /// The earliest pending alarm (ms), if any.
    static func nextAlarm(_ tx: some Transaction) throws -> Int64? {
        try tx.fetchValue(Int64.self, "SELECT min(next_alarm_at) FROM supervisions WHERE next_alarm_at IS NOT NULL")
    }
}
