internal import SharedDomain
internal import Storage

/// The stored facts of each case record.
enum CasesTable {
    struct Stored {
        var facts: CaseFacts
        var version: Int64
        var lossAlerted: Bool
    }

    private static let columns = """
        version, kind, first_instance, region_id, agency_id, filed_on, concluded_on, outcome, appealed,
        hearing_scheduled, head_appeared, head_spoke, self_corrected, revised, loss_alerted
        """
    private static let selectSQL = "SELECT \(columns) FROM cases WHERE id = ?"
    private static let upsertSQL = """
        INSERT INTO cases (id, category, docket_number, state, \(columns))
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET category = excluded.category, docket_number = excluded.docket_number,
            state = excluded.state, version = excluded.version, kind = excluded.kind,
            first_instance = excluded.first_instance, region_id = excluded.region_id, agency_id = excluded.agency_id,
            filed_on = excluded.filed_on, concluded_on = excluded.concluded_on, outcome = excluded.outcome,
            appealed = excluded.appealed, hearing_scheduled = excluded.hearing_scheduled,
            head_appeared = excluded.head_appeared, head_spoke = excluded.head_spoke,
            self_corrected = excluded.self_corrected, revised = excluded.revised, loss_alerted = excluded.loss_alerted
        """

    /// The highest key the table holds (0 when empty): a larger key is not there to read.
    static func highestKey(_ tx: some Transaction) throws -> Int64 {
        try tx.fetchValue(Int64.self, "SELECT max(id) FROM cases") ?? 0
    }

    static func load(_ tx: some Transaction, key: Int64) throws -> Stored? {
        guard let row = try tx.fetchOne(selectSQL, key) else { return nil }
        let int = { (index: Int) throws -> Int64 in try row.int64(index) }
        let optional = { (index: Int) throws -> Int64? in try row.optionalInt64(index) }
        var facts = CaseFacts(
            kind: try int(1) == 2 ? .reconsideration : .litigation, isFirstInstance: try int(2) == 1,
            regionKey: try int(3), agencyKey: try int(4), filedOn: CivilDate(key: Int32(try int(5)))!,
            concludedOn: try optional(6).flatMap { CivilDate(key: Int32($0)) },
            outcome: try optional(7).flatMap { Outcome(rawValue: Int32($0)) }, appealed: try int(8) == 1,
            hearingScheduled: try int(9) == 1, headAppeared: try int(10) == 1, headSpoke: try int(11) == 1,
            selfCorrected: try int(12) == 1)
        facts.revised = try int(13) == 1
        return Stored(facts: facts, version: try int(0), lossAlerted: try int(14) == 1)
    }

    static func save(
        _ tx: WriteTransaction, key: Int64, _ stored: Stored, category: Int32, docket: String, state: Int32
    ) throws {
        let facts = stored.facts
        let flag = { (value: Bool) -> Int64 in value ? 1 : 0 }
        try tx.execute(
            upsertSQL,
            arguments: [
                key, Int64(category), docket, Int64(state), stored.version, Int64(facts.kind.rawValue),
                flag(facts.isFirstInstance), facts.regionKey, facts.agencyKey, Int64(facts.filedOn.key),
                facts.concludedOn.map { DatabaseValue.integer(Int64($0.key)) } ?? .null,
                facts.outcome.map { DatabaseValue.integer(Int64($0.rawValue)) } ?? .null, flag(facts.appealed),
                flag(facts.hearingScheduled), flag(facts.headAppeared), flag(facts.headSpoke),
                flag(facts.selfCorrected),
                flag(facts.revised), flag(stored.lossAlerted),
            ])
    }
}
