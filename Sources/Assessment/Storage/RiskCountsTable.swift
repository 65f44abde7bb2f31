internal import SharedDomain
internal import Storage

/// Case risk's own monthly tallies (risk_month_counts) and reconsideration corrections
/// (risk_corrections), written change by change.
enum RiskCountsTable {
    /// risk_month_counts.scope_kind.
    enum Kind: Int64 {
        case city = 0, region, agency, category
    }

    struct Tally {
        var filed: Int64 = 0
        var loss = LossTally()
    }

    /// A change to one scope's tallies for one month.
    struct Key: Hashable, Comparable {
        let kind: Kind
        let id: Int64
        let month: Int64

        static func < (a: Key, b: Key) -> Bool {
            (a.kind.rawValue, a.id, a.month) < (b.kind.rawValue, b.id, b.month)
        }
    }

    struct Delta {
        var filed: Int64 = 0
        var concluded: Int64 = 0
        var losses: Int64 = 0

        var isZero: Bool { filed == 0 && concluded == 0 && losses == 0 }
    }

    /// Adds to `deltas` what a case contributes (`sign` 1) or stops contributing (-1): its filing
    /// in its filing month, its conclusion and loss in its conclusion month.
    static func add(_ stored: CaseRiskTable.Stored, sign: Int64, to deltas: inout [Key: Delta]) {
        let facts = stored.facts
        let scopes: [(Kind, Int64)] = [(.city, 0), (.region, facts.regionKey), (.agency, facts.agencyKey)]
        for (kind, id) in scopes {
            deltas[Key(kind: kind, id: id, month: Int64(facts.filedOn.key / 100)), default: Delta()].filed += sign
        }
        guard let month = stored.countedMonth else { return }
        for (kind, id) in scopes + [(.category, Int64(facts.category))] {
            let key = Key(kind: kind, id: id, month: month)
            deltas[key, default: Delta()].concluded += sign
            if stored.countedLoss { deltas[key, default: Delta()].losses += sign }
        }
    }

    /// Writes the non-zero deltas, in key order.
    static func write(_ tx: WriteTransaction, _ deltas: [Key: Delta]) throws {
        for (key, delta) in deltas.sorted(by: { $0.key < $1.key }) where !delta.isZero {
            try add(
                tx, key.kind, key.id, month: key.month, filed: delta.filed, concluded: delta.concluded,
                losses: delta.losses)
        }
    }

    private static func add(
        _ tx: WriteTransaction, _ kind: Kind, _ id: Int64, month: Int64, filed: Int64, concluded: Int64, losses: Int64
    ) throws {
        try tx.execute(
            """
            INSERT INTO risk_month_counts (scope_kind, scope_id, month, filed, concluded, losses) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (scope_kind, scope_id, month) DO UPDATE SET filed = filed + excluded.filed,
                concluded = concluded + excluded.concluded, losses = losses + excluded.losses
            """, kind.rawValue, id, month, filed, concluded, losses)
    }

    /// Each scope of `kind`'s tallies over the whole months of `days` (`only`: one scope).
    static func tallies(_ tx: some Transaction, _ kind: Kind, days: ClosedRange<CivilDate>, only: Int64? = nil) throws
        -> [Int64: Tally]
    {
        var sql = """
            SELECT scope_id, sum(filed), sum(concluded), sum(losses) FROM risk_month_counts
            WHERE scope_kind = ? AND month BETWEEN ? AND ?
            """
        var arguments: [any DatabaseValueConvertible] = [
            kind.rawValue, Int64(days.lowerBound.key / 100), Int64(days.upperBound.key / 100),
        ]
        if let only {
            sql += " AND scope_id = ?"
            arguments.append(only)
        }
        var tallies: [Int64: Tally] = [:]
        for row in try tx.fetchAll(sql + " GROUP BY scope_id", arguments: arguments) {
            tallies[try row.get(0, as: Int64.self)] = Tally(
                filed: try row.get(1, as: Int64.self),
                loss: LossTally(concluded: try row.get(2, as: Int64.self), losses: try row.get(3, as: Int64.self)))
        }
        return tallies
    }

    /// Records whether reconsideration case `key` is a correction, and when it was decided;
    /// returns the correction it replaces when that changed (nil when nothing changed).
    static func setCorrection(_ tx: WriteTransaction, key: Int64, agency: Int64, concludedOn: CivilDate?) throws
        -> (old: (agency: Int64, day: CivilDate)?, new: (agency: Int64, day: CivilDate)?)?
    {
        let row = try tx.fetchOne("SELECT agency_id, concluded_on FROM risk_corrections WHERE case_id = ?", key)
        var old: (agency: Int64, day: CivilDate)?
        if let row, let day = CivilDate(key: Int32(try row.get(1, as: Int64.self))) {
            old = (try row.get(0, as: Int64.self), day)
        }
        let new = concludedOn.map { (agency: agency, day: $0) }
        if old?.agency == new?.agency, old?.day == new?.day { return nil }
        if let new {
            try tx.execute(
                """
                INSERT INTO risk_corrections (case_id, agency_id, concluded_on) VALUES (?, ?, ?)
                ON CONFLICT (case_id) DO UPDATE SET agency_id = excluded.agency_id, concluded_on = excluded.concluded_on
                """, key, new.agency, Int64(new.day.key))
        } else {
            try tx.execute("DELETE FROM risk_corrections WHERE case_id = ?", key)
        }
        return (old, new)
    }

    /// Every correction's day, by agency (`only`: one agency). A case counts those in the year
    /// before its filing, which is never after the day it is scored as of.
    static func corrections(_ tx: some Transaction, only: Int64? = nil) throws -> [Int64: [CivilDate]] {
        var sql = "SELECT agency_id, concluded_on FROM risk_corrections"
        var arguments: [any DatabaseValueConvertible] = []
        if let only {
            sql += " WHERE agency_id = ?"
            arguments.append(only)
        }
        var corrections: [Int64: [CivilDate]] = [:]
        for row in try tx.fetchAll(sql, arguments: arguments) {
            if let date = CivilDate(key: Int32(try row.get(1, as: Int64.self))) {
                corrections[try row.get(0, as: Int64.self), default: []].append(date)
            }
        }
        return corrections
    }
}
