internal import SharedDomain
internal import Storage

/// The risk facts of first-instance litigation cases (case_risk), the opinions naming them and the
/// review month.
enum CaseRiskTable {
    struct Stored {
        var facts: CaseRiskFacts
        var version: Int64
        /// The category count the case contributes: conclusion month (yyyymm) and loss.
        var countedMonth: Int64?
        var countedLoss: Bool
        /// The level last evaluated on feed time (common.v1.RiskLevel number; 0 never).
        var level: Int64
        var scoreTenths: Int64?
        var closingScoreTenths: Int64?

        /// What the table's indexes hold of a row (see ``save(_:_:replacing:)``).
        struct Indexed: Equatable {
            var caseKey: Int64
            var filedOn: CivilDate
            var concludedOn: CivilDate?
            var closingScoreTenths: Int64?
            var countedLoss: Bool
        }

        var indexed: Indexed {
            Indexed(
                caseKey: facts.caseKey, filedOn: facts.filedOn, concludedOn: facts.concludedOn,
                closingScoreTenths: closingScoreTenths, countedLoss: countedLoss)
        }
    }

    static let columns = """
        case_id, version, region_id, agency_id, category, docket_number, filed_on, concluded_on, plaintiff_count,
        hearing_on, hearing_known_on, head_appeared_on, mediation_failed_on, mediation_partial_on, counted_month,
        counted_loss, level, score_tenths, closing_score_tenths
        """
    private static let upsertSQL = """
        INSERT INTO case_risk (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (case_id) DO UPDATE SET version = excluded.version, region_id = excluded.region_id,
            agency_id = excluded.agency_id, category = excluded.category, docket_number = excluded.docket_number,
            filed_on = excluded.filed_on, concluded_on = excluded.concluded_on,
            plaintiff_count = excluded.plaintiff_count, hearing_on = excluded.hearing_on,
            hearing_known_on = excluded.hearing_known_on, head_appeared_on = excluded.head_appeared_on,
            mediation_failed_on = excluded.mediation_failed_on, mediation_partial_on = excluded.mediation_partial_on,
            counted_month = excluded.counted_month, counted_loss = excluded.counted_loss, level = excluded.level,
            score_tenths = excluded.score_tenths, closing_score_tenths = excluded.closing_score_tenths
        """

    /// The highest key the table holds (0 when empty): a larger key is not there to read.
    static func highestKey(_ tx: some Transaction) throws -> Int64 {
        try tx.fetchValue(Int64.self, "SELECT max(case_id) FROM case_risk") ?? 0
    }

    /// One statement: the opinions' days come along as a list.
    static func load(_ tx: some Transaction, key: Int64) throws -> Stored? {
        guard
            let row = try tx.fetchOne(
                """
                SELECT \(columns), (SELECT group_concat(detected_on) FROM case_opinions o WHERE o.case_id = c.case_id)
                FROM case_risk c WHERE case_id = ?
                """, key)
        else { return nil }
        var stored = try stored(row)
        if let days = try row.get(19, as: String?.self) {
            stored.facts.opinionsDetectedOn = days.split(separator: ",").compactMap {
                Int32($0).flatMap(CivilDate.init(key:))
            }
            .sorted()
        }
        return stored
    }

    /// The columns outside every index (case_risk_by_concluded, case_risk_unscored), as one UPDATE.
    private static let updateUnindexedSQL = """
        UPDATE case_risk SET version = ?, region_id = ?, agency_id = ?, category = ?, docket_number = ?,
            plaintiff_count = ?, hearing_on = ?, hearing_known_on = ?, head_appeared_on = ?, mediation_failed_on = ?,
            mediation_partial_on = ?, counted_month = ?, level = ?, score_tenths = ?
        WHERE case_id = ?
        """

    /// Writes `stored`. `original` is what the table's indexes hold of the row now (nil: none, or
    /// not known).
    ///
    /// SQLite rewrites an index's entry whenever an UPDATE names one of its columns, changed or
    /// not, and the upsert names them all: with the covering concluded_on index that tripled the
    /// cost of a row. Most changes to a case (a hearing set, the head's appearance, a month's
    /// new score) leave the indexed columns as they were, so those rows are written by an UPDATE
    /// of the other columns alone.
    static func save(_ tx: WriteTransaction, _ stored: Stored, replacing original: Stored.Indexed? = nil) throws {
        let facts = stored.facts
        let date = { (value: CivilDate?) -> DatabaseValue in value.map { .integer(Int64($0.key)) } ?? .null }
        let integer = { (value: Int64?) -> DatabaseValue in value.map { .integer($0) } ?? .null }
        if let original, original == stored.indexed {
            try tx.execute(
                updateUnindexedSQL,
                arguments: [
                    stored.version, facts.regionKey, facts.agencyKey, Int64(facts.category), facts.docketNumber,
                    Int64(facts.plaintiffCount), date(facts.hearingOn), date(facts.hearingKnownOn),
                    date(facts.headAppearedOn), date(facts.mediationFailedOn), date(facts.mediationPartialOn),
                    integer(stored.countedMonth), stored.level, integer(stored.scoreTenths), facts.caseKey,
                ])
            return
        }
        try tx.execute(
            upsertSQL,
            arguments: [
                facts.caseKey, stored.version, facts.regionKey, facts.agencyKey, Int64(facts.category),
                facts.docketNumber, Int64(facts.filedOn.key), date(facts.concludedOn), Int64(facts.plaintiffCount),
                date(facts.hearingOn), date(facts.hearingKnownOn), date(facts.headAppearedOn),
                date(facts.mediationFailedOn), date(facts.mediationPartialOn), integer(stored.countedMonth),
                Int64(stored.countedLoss ? 1 : 0), stored.level, integer(stored.scoreTenths),
                integer(stored.closingScoreTenths),
            ])
    }

    /// Cases filed by `day` and still open at its start (`atEnd`: at its end), with their opinions.
    static func open(_ tx: some Transaction, on day: CivilDate, atEnd: Bool = false) throws -> [Stored] {
        try rows(
            tx, "filed_on <= ? AND (concluded_on IS NULL OR concluded_on \(atEnd ? ">" : ">=") ?)",
            [Int64(day.key), Int64(day.key)])
    }

    /// Cases still open or concluded on or after `since` (every case without it), with their
    /// opinions: what a follower's write keeps in memory (``LiveCaseRisk``).
    static func live(_ tx: some Transaction, concludedSince since: CivilDate?) throws -> [Stored] {
        guard let since else { return try rows(tx, "1", []) }
        return try rows(tx, "concluded_on IS NULL OR concluded_on >= ?", [Int64(since.key)])
    }

    /// Cases concluded within `days` whose closing score is not known yet, with their opinions.
    static func unscored(_ tx: some Transaction, concludedIn days: ClosedRange<CivilDate>) throws -> [Stored] {
        try rows(tx, unscoredCondition, [Int64(days.lowerBound.key), Int64(days.upperBound.key)])
    }

    /// The monthly review's three reads of the window's conclusions, when it reads the table (the
    /// judging timer's review, a month's screening; inside a follower's write it reads
    /// LiveCaseRisk). Each is answered from an index alone, or from its small partial index for
    /// the unscored (assessment.5; a test holds the plans to it): each covers a year of conclusions.
    static let unscoredCondition = "concluded_on BETWEEN ? AND ? AND closing_score_tenths IS NULL"
    static let calibrationSampleSQL = """
        SELECT closing_score_tenths, counted_loss FROM case_risk
        WHERE concluded_on BETWEEN ? AND ? AND closing_score_tenths IS NOT NULL
        """
    static let conclusionDaysSQL = "SELECT filed_on, concluded_on FROM case_risk WHERE concluded_on BETWEEN ? AND ?"

    static func setClosingScore(_ tx: WriteTransaction, key: Int64, scoreTenths: Int64) throws {
        try tx.execute("UPDATE case_risk SET closing_score_tenths = ? WHERE case_id = ?", scoreTenths, key)
    }

    /// The rows matching `condition` (on case_risk's columns), in case order, with their opinions.
    ///
    /// Sorted here, not by the SQL: with ORDER BY case_id SQLite scans the whole table in rowid
    /// order instead of answering `concluded_on IS NULL OR concluded_on >= ?` from the
    /// concluded_on index, and the monthly review then read every case ever filed each month (a
    /// replay of three years spent two fifths of its time there). The opinions naming a case are
    /// few (an incident is about one case, most about none), so they are read whole.
    private static func rows(_ tx: some Transaction, _ condition: String, _ arguments: [any DatabaseValueConvertible])
        throws -> [Stored]
    {
        var cases = try tx.fetchAll("SELECT \(columns) FROM case_risk WHERE \(condition)", arguments: arguments)
            .map(stored)
        cases.sort { $0.facts.caseKey < $1.facts.caseKey }
        let index = Dictionary(uniqueKeysWithValues: cases.enumerated().map { ($0.element.facts.caseKey, $0.offset) })
        for row in try tx.fetchAll("SELECT case_id, detected_on FROM case_opinions") {
            guard let position = index[try row.int64(0)], let date = CivilDate(key: Int32(try row.int64(1))) else {
                continue
            }
            cases[position].facts.opinionsDetectedOn.append(date)
        }
        for position in cases.indices where cases[position].facts.opinionsDetectedOn.count > 1 {
            cases[position].facts.opinionsDetectedOn.sort()
        }
        return cases
    }

    /// The closing scores and losses of cases concluded within `days`.
    static func calibrationSample(_ tx: some Transaction, concludedIn days: ClosedRange<CivilDate>) throws
        -> [(score: Double, lost: Bool)]
    {
        try tx.fetchAll(calibrationSampleSQL, Int64(days.lowerBound.key), Int64(days.upperBound.key)).map {
            (score: Double(try $0.int64(0)) / 10, lost: try $0.int64(1) == 1)
        }
    }

    /// Filing-to-conclusion days of the cases concluded within `days`.
    static func conclusionDays(_ tx: some Transaction, concludedIn days: ClosedRange<CivilDate>) throws -> [Int64] {
        try tx.fetchAll(conclusionDaysSQL, Int64(days.lowerBound.key), Int64(days.upperBound.key)).compactMap { row in
            guard let filed = CivilDate(key: Int32(try row.int64(0))),
                let concluded = CivilDate(key: Int32(try row.int64(1)))
            else { return nil }
            return concluded.daysSinceEpoch - filed.daysSinceEpoch
        }
    }

    static func setAssessed(_ tx: WriteTransaction, key: Int64, level: CaseRisk.Level, scoreTenths: Int64) throws {
        try tx.execute(
            "UPDATE case_risk SET level = ?, score_tenths = ? WHERE case_id = ?", Int64(level.rawValue), scoreTenths,
            key)
    }

    static func opinions(_ tx: some Transaction, caseKey: Int64) throws -> [CivilDate] {
        try tx.fetchAll("SELECT detected_on FROM case_opinions WHERE case_id = ? ORDER BY detected_on", caseKey)
            .compactMap { CivilDate(key: Int32(try $0.get(0, as: Int64.self))) }
    }

    /// The case `opinion` names and when it was detected, as recorded.
    static func link(_ tx: some Transaction, opinion: Int64) throws -> (caseKey: Int64, detectedOn: CivilDate)? {
        guard let row = try tx.fetchOne("SELECT case_id, detected_on FROM case_opinions WHERE opinion_id = ?", opinion),
            let day = CivilDate(key: Int32(try row.get(1, as: Int64.self)))
        else { return nil }
        return (try row.get(0, as: Int64.self), day)
    }

    static func setLink(_ tx: WriteTransaction, opinion: Int64, caseKey: Int64, detectedOn: CivilDate) throws {
        try tx.execute(
            """
            INSERT INTO case_opinions (opinion_id, case_id, detected_on) VALUES (?, ?, ?)
            ON CONFLICT (opinion_id) DO UPDATE SET case_id = excluded.case_id, detected_on = excluded.detected_on
            """, opinion, caseKey, Int64(detectedOn.key))
    }

    static func reviewedMonth(_ tx: some Transaction) throws -> Int64? {
        try tx.fetchValue(Int64.self, "SELECT month FROM risk_review WHERE id = 1")
    }

    static func setReviewedMonth(_ tx: WriteTransaction, _ month: Int64) throws {
        try tx.execute(
            "INSERT INTO risk_review (id, month) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET month = excluded.month",
            month)
    }

    private static func stored(_ row: Row) throws -> Stored {
        let int = { (index: Int) throws -> Int64 in try row.int64(index) }
        let optional = { (index: Int) throws -> Int64? in try row.optionalInt64(index) }
        let date = { (index: Int) throws -> CivilDate? in try optional(index).flatMap { CivilDate(key: Int32($0)) } }
        let facts = CaseRiskFacts(
            caseKey: try int(0), docketNumber: try row.get(5, as: String.self), regionKey: try int(2),
            agencyKey: try int(3), category: Int32(try int(4)),
            filedOn: try date(6) ?? CivilDate(year: 1970, month: 1, day: 1)!,
            concludedOn: try date(7), plaintiffCount: Int32(try int(8)), hearingOn: try date(9),
            hearingKnownOn: try date(10), headAppearedOn: try date(11), mediationFailedOn: try date(12),
            mediationPartialOn: try date(13))
        return Stored(
            facts: facts, version: try int(1), countedMonth: try optional(14), countedLoss: try int(15) == 1,
            level: try int(16), scoreTenths: try optional(17), closingScoreTenths: try optional(18))
    }
}
