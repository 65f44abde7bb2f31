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

    /// Adds (`sign` 1) or removes (-1) what a stored case contributes: its filing in its filing
    /// month, its conclusion and loss in its conclusion month.
    static func add(_ tx: WriteTransaction, _ stored: CaseRiskTable.Stored, sign: Int64) throws {
        let facts = stored.facts
        let scopes: [(Kind, Int64)] = [(.city, 0), (.region, facts.regionKey), (.agency, facts.agencyKey)]
        let filedMonth = Int64(facts.filedOn.key / 100)
        for (kind, id) in scopes { try add(tx, kind, id, month: filedMonth, filed: sign, concluded: 0, losses: 0) }
        guard let month = stored.countedMonth else { return }
        let losses = stored.countedLoss ? sign : 0
        for (kind, id) in scopes + [(.category, Int64(facts.category))] {
            try add(tx, kind, id, month: month, filed: 0, concluded: sign, losses: losses)
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

    /// Records whether reconsideration case `key` is a correction, and when it was decided.
    static func setCorrection(_ tx: WriteTransaction, key: Int64, agency: Int64, concludedOn: CivilDate?) throws {
        guard let concludedOn else {
            try tx.execute("DELETE FROM risk_corrections WHERE case_id = ?", key)
            return
        }
        try tx.execute(
            """
            INSERT INTO risk_corrections (case_id, agency_id, concluded_on) VALUES (?, ?, ?)
            ON CONFLICT (case_id) DO UPDATE SET agency_id = excluded.agency_id, concluded_on = excluded.concluded_on
            """, key, agency, Int64(concludedOn.key))
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
