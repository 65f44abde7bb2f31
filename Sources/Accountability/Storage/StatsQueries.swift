internal import Storage

/// The statistics of one period (yyyymmdd bounds) for the city or one region, read in one
/// snapshot.
struct StatsQueries {
    let region: Int64?
    let first: Int64
    let last: Int64

    struct Counts: Sendable {
        /// Steps taken in the period, by step number.
        var steps: [Int32: Int64] = [:]
        var heldAccountable: Int64 = 0
        var persons: Int64 = 0
        var unitOnly: Int64 = 0
        var unitsHeld: Int64 = 0
        /// Decisions executed in the period, by disposition number.
        var dispositions: [Int32: Int64] = [:]
        /// The period's clues by the step each is at now.
        var currentSteps: [Int32: Int64] = [:]
        var escalationsHeld: Int64 = 0
        var supervisionsOpened: Int64 = 0
        var supervisionsClosed: Int64 = 0
    }

    func run(_ tx: some Transaction) throws -> Counts {
        var counts = Counts()
        let (scope, scoped) = region.map { (" AND region_id = ?", [$0]) } ?? ("", [])
        let days: [any DatabaseValueConvertible] = [first, last]
        let arguments = days + scoped.map { $0 as any DatabaseValueConvertible }
        for row in try tx.fetchAll(
            "SELECT step, count(*) FROM referral_steps WHERE occurred_on BETWEEN ? AND ?\(scope) GROUP BY step",
            arguments: arguments)
        {
            counts.steps[Int32(try row.get(0, as: Int64.self))] = try row.get(1)
        }
        for row in try tx.fetchAll(
            """
            SELECT disposition, count(*), coalesce(sum(held_accountable), 0),
                coalesce(sum(CASE WHEN unit_held = 1 AND persons = 0 THEN 1 ELSE 0 END), 0), coalesce(sum(unit_held), 0)
            FROM referral_steps WHERE step = 4 AND occurred_on BETWEEN ? AND ?\(scope) GROUP BY disposition
            """, arguments: arguments)
        {
            counts.dispositions[Int32(try row.get(0, as: Int64.self))] = try row.get(1)
            counts.heldAccountable += try row.get(2, as: Int64.self)
            counts.unitOnly += try row.get(3, as: Int64.self)
            counts.unitsHeld += try row.get(4, as: Int64.self)
        }
        counts.persons =
            try Self.count(
                tx,
                """
                SELECT count(*) FROM (SELECT DISTINCT agency_id, person_key FROM persons_handled
                WHERE executed_on BETWEEN ? AND ?\(scope)) AS persons
                """, arguments: arguments)
        for row in try tx.fetchAll(
            "SELECT step, count(*) FROM referrals WHERE referred_on BETWEEN ? AND ?\(scope) GROUP BY step",
            arguments: arguments)
        {
            counts.currentSteps[Int32(try row.get(0, as: Int64.self))] = try row.get(1)
        }
        counts.escalationsHeld =
            try Self.count(
                tx, "SELECT count(*) FROM escalations WHERE held_on BETWEEN ? AND ?\(scope)", arguments: arguments)
        counts.supervisionsOpened =
            try Self.count(
                tx, "SELECT count(*) FROM supervisions WHERE opened_on BETWEEN ? AND ?\(scope)",
                arguments: arguments)
        counts.supervisionsClosed =
            try Self.count(
                tx, "SELECT count(*) FROM supervisions WHERE closed_on BETWEEN ? AND ?\(scope)",
                arguments: arguments)
        return counts
    }

    private static func count(_ tx: some Transaction, _ sql: String, arguments: [any DatabaseValueConvertible]) throws
        -> Int64
    {
        try tx.fetchOne(sql, arguments: arguments).map { try $0.get(0, as: Int64.self) } ?? 0
    }
}
