internal import Storage

/// Referrals, their steps and the persons of the cases held accountable.
enum ReferralsTable {
    /// The keys a new referral is filed under.
    struct Keys {
        var region: Int64
        var agency: Int64
        var caseKey: Int64?
        var opinionKey: Int64?
        var alertSequence: Int64?
    }

    /// The referral already opened for a case, an incident or an alert, naming which.
    static func existing(_ tx: some Transaction, _ keys: Keys) throws -> (column: String, referral: Int64)? {
        for (column, value) in [
            ("case_id", keys.caseKey), ("opinion_id", keys.opinionKey), ("alert_sequence", keys.alertSequence),
        ] {
            guard let value else { continue }
            // Three fixed statements: the column is one of ours, never the caller's.
            if let id = try tx.fetchValue(Int64.self, "SELECT id FROM referrals WHERE \(column) = ?", value) {
                return (column, id)
            }
        }
        return nil
    }

    static func insert(
        _ tx: WriteTransaction, key: Int64, keys: Keys, referredAt: Int64, referredOn: Int32, createdAt: Int64,
        body: [UInt8]
    ) throws {
        try tx.execute(
            """
            INSERT INTO referrals (id, region_id, agency_id, case_id, opinion_id, alert_sequence, step, disposition,
                referred_at, referred_on, created_at, version, body)
            VALUES (?, ?, ?, ?, ?, ?, 1, 0, ?, ?, ?, 1, ?)
            """,
            arguments: [
                key, keys.region, keys.agency, optional(keys.caseKey), optional(keys.opinionKey),
                optional(keys.alertSequence), referredAt, Int64(referredOn), createdAt, body,
            ])
    }

    static func update(
        _ tx: WriteTransaction, key: Int64, step: Int32, disposition: Int32, version: Int64, body: [UInt8]
    )
        throws
    {
        try tx.execute(
            "UPDATE referrals SET step = ?, disposition = ?, version = ?, body = ? WHERE id = ?", Int64(step),
            Int64(disposition), version, body, key)
    }

    /// A step as statistics count it: on the day it occurred, under the referral's region.
    struct StepRow {
        var referral: Int64
        var step: Int32
        var occurredOn: Int32
        var region: Int64
        var disposition: Int32 = 0
        var heldAccountable = false
        var unitHeld = false
        var persons = 0
    }

    static func recordStep(_ tx: WriteTransaction, _ row: StepRow) throws {
        try tx.execute(
            """
            INSERT INTO referral_steps (referral_id, step, occurred_on, region_id, disposition, held_accountable,
                unit_held, persons)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            arguments: [
                row.referral, Int64(row.step), Int64(row.occurredOn), row.region, Int64(row.disposition),
                row.heldAccountable, row.unitHeld, Int64(row.persons),
            ])
    }

    static func recordPerson(
        _ tx: WriteTransaction, referral: Int64, agency: Int64, personKey: String, region: Int64, executedOn: Int32
    ) throws {
        try tx.execute(
            """
            INSERT INTO persons_handled (referral_id, agency_id, person_key, region_id, executed_on)
            VALUES (?, ?, ?, ?, ?)
            """, referral, agency, personKey, region, Int64(executedOn))
    }

    /// The losses of `agency` concluded within `days` (yyyymmdd bounds), by case key.
    static func losses(_ tx: some Transaction, agency: Int64, from first: Int32, to last: Int32) throws -> [(
        Int64, Int32
    )] {
        try tx.fetchAll(
            "SELECT case_id, concluded_on FROM losses WHERE agency_id = ? AND concluded_on BETWEEN ? AND ?", agency,
            Int64(first), Int64(last)
        ).map { (try $0.get(0, as: Int64.self), Int32(try $0.get(1, as: Int64.self))) }
    }

    static func recordLoss(_ tx: WriteTransaction, caseKey: Int64, agency: Int64, concludedOn: Int32) throws {
        try tx.execute(
            "INSERT INTO losses (case_id, agency_id, concluded_on) VALUES (?, ?, ?) ON CONFLICT (case_id) DO NOTHING",
            caseKey, agency, Int64(concludedOn))
    }

    private static func optional(_ value: Int64?) -> DatabaseValue {
        value.map { .integer($0) } ?? .null
    }
}
