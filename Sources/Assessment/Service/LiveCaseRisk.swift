internal import SharedDomain
internal import Storage

/// The case_risk rows a follower's write works on, in memory, so that the monthly review (which
/// reads every open case and a year of conclusions) and the fresh histories read no table, and
/// a row changed several times in one write, a review included, is written once.
///
/// Holds every row that is open or concluded on or after ``since`` (every row while `since` is
/// nil), and any other row read. That bound trails the month last reviewed by the history
/// window, so every question a review or a history of that month or later asks is answered
/// here; an older one (a conclusion recorded long after the fact, a clock set back) is answered
/// by the table, after writing what has changed. Rows concluded before the bound are dropped as
/// it moves on, so the set stays the city's open cases and a window of conclusions.
///
/// The changed rows are written by ``flush(_:)`` (at the end of the write); until then only these
/// rows are the truth, and nothing else reads case_risk inside the write. Carried from one write
/// to the next by ``CaseRowCache``, which holds them only for the position they were left at.
struct LiveCaseRisk: CaseRiskRows {
    private(set) var rows: CaseKeyMap<CaseRiskTable.Stored>
    /// The changed rows' keys, each with what the table's indexes hold of it (nil: the table has
    /// no such row), which is what deciding how to write it needs (and a fifth of a row's size).
    private var changed = CaseKeyMap<CaseRiskTable.Stored.Indexed?>()
    /// Rows concluded before this day may be missing; nil: none is.
    private(set) var since: CivilDate?
    /// The table's highest key when this write began (``beginWrite(_:)``; unknown until then):
    /// intake numbers new cases upwards, so a case filed since is above it, and is known to have
    /// no row without a query (a replay's every filing asked for a row the table could not have).
    private var highestStoredKey = Int64.max

    /// The rows case_risk holds, open or concluded on or after `since`.
    static func load(_ tx: some Transaction, since: CivilDate?) throws -> LiveCaseRisk {
        var rows = CaseKeyMap<CaseRiskTable.Stored>()
        for stored in try CaseRiskTable.live(tx, concludedSince: since) { rows[stored.facts.caseKey] = stored }
        return LiveCaseRisk(rows: rows, since: since)
    }

    /// How far back the rows must reach once `reviewedMonth` (yyyymm) has been reviewed: the start
    /// of that month's history window, which is also the earliest day the next review, its
    /// closing scores for that month's conclusions, and a history of that month read.
    static func since(reviewedMonth: Int64?, rules: CaseRiskRules) -> CivilDate? {
        guard let reviewedMonth,
            let first = CivilDate(year: Int32(reviewedMonth / 100), month: Int32(reviewedMonth % 100), day: 1)
        else { return nil }
        return CaseRiskHistory.window(before: first, months: rules.historyMonths).lowerBound
    }

    init(rows: CaseKeyMap<CaseRiskTable.Stored> = CaseKeyMap(), since: CivilDate? = nil) {
        self.rows = rows
        self.since = since
    }

    /// Reads what a write needs to know of the table before it starts: the rows carried from the
    /// previous write are only valid at the position they were left at, and so is this.
    mutating func beginWrite(_ tx: some Transaction) throws {
        highestStoredKey = try CaseRiskTable.highestKey(tx)
    }

    /// The row for `key`, from memory or else from the table.
    mutating func row(_ tx: WriteTransaction, _ key: Int64) throws -> CaseRiskTable.Stored? {
        if let row = rows[key] { return row }
        // Every row this write sets stays in `rows`, so above the write's first highest key the
        // table holds nothing that is not here.
        guard key <= highestStoredKey else { return nil }
        let stored = try CaseRiskTable.load(tx, key: key)
        if let stored { rows[key] = stored }
        return stored
    }

    /// A changed row, written at the next flush.
    ///
    /// Every row is read (``row(_:_:)``) before it is set, so a row that is not here yet is one
    /// the table does not have.
    mutating func set(_ key: Int64, _ stored: CaseRiskTable.Stored) {
        let original = rows.updateValue(stored, forKey: key)
        if changed[key] == nil { changed[key] = .some(original?.indexed) }
    }

    /// Writes the changed rows, in case order (a b-tree takes sorted keys fastest).
    mutating func flush(_ tx: WriteTransaction) throws {
        for (key, original) in changed {
            if let stored = rows[key] { try CaseRiskTable.save(tx, stored, replacing: original) }
        }
        changed = CaseKeyMap()
    }

    /// Drops the rows concluded before `day`, unchanged ones only, and says so.
    mutating func forget(concludedBefore day: CivilDate?) {
        guard let day, since.map({ $0 < day }) ?? true else { return }
        // Removed in place: a month's conclusions go, the rest stay where they are (filtering into
        // a new dictionary copied every row, and was a tenth of a replay).
        rows.removeAll { key, stored in stored.facts.concludedOn.map { $0 < day } ?? false && changed[key] == nil }
        since = day
    }

    /// Whether these rows answer a question reaching back to `day`. If not, the table answers
    /// it, and the changed rows are written first so that it holds them.
    private mutating func reach(_ tx: WriteTransaction, back day: CivilDate) throws -> Bool {
        if since.map({ $0 <= day }) ?? true { return true }
        try flush(tx)
        return false
    }

    // MARK: CaseRiskRows: the table's predicates (CaseRiskTable), on the rows in memory.

    mutating func open(_ tx: WriteTransaction, on day: CivilDate) throws -> [CaseRiskTable.Stored] {
        guard try reach(tx, back: day) else { return try CaseRiskTable.open(tx, on: day) }
        return inKeyOrder { $0.facts.filedOn <= day && $0.facts.concludedOn.map { $0 >= day } ?? true }
    }

    mutating func unscored(_ tx: WriteTransaction, concludedIn days: ClosedRange<CivilDate>) throws
        -> [CaseRiskTable.Stored]
    {
        guard try reach(tx, back: days.lowerBound) else { return try CaseRiskTable.unscored(tx, concludedIn: days) }
        return inKeyOrder { $0.closingScoreTenths == nil && concluded($0, in: days) }
    }

    mutating func calibrationSample(_ tx: WriteTransaction, concludedIn days: ClosedRange<CivilDate>) throws
        -> [(score: Double, lost: Bool)]
    {
        guard try reach(tx, back: days.lowerBound) else {
            return try CaseRiskTable.calibrationSample(tx, concludedIn: days)
        }
        return rows.compactMap { _, stored in
            guard let score = stored.closingScoreTenths, concluded(stored, in: days) else { return nil }
            return (score: Double(score) / 10, lost: stored.countedLoss)
        }
    }

    mutating func conclusionDays(_ tx: WriteTransaction, concludedIn days: ClosedRange<CivilDate>) throws -> [Int64] {
        guard try reach(tx, back: days.lowerBound) else {
            return try CaseRiskTable.conclusionDays(tx, concludedIn: days)
        }
        return rows.compactMap { _, stored in
            guard let concluded = stored.facts.concludedOn, days.contains(concluded) else { return nil }
            return concluded.daysSinceEpoch - stored.facts.filedOn.daysSinceEpoch
        }
    }

    mutating func setAssessed(_ tx: WriteTransaction, key: Int64, level: CaseRisk.Level, scoreTenths: Int64) throws {
        guard var stored = try row(tx, key) else { return }
        stored.level = Int64(level.rawValue)
        stored.scoreTenths = scoreTenths
        set(key, stored)
    }

    mutating func setClosingScore(_ tx: WriteTransaction, key: Int64, scoreTenths: Int64) throws {
        guard var stored = try row(tx, key) else { return }
        stored.closingScoreTenths = scoreTenths
        set(key, stored)
    }

    private func concluded(_ stored: CaseRiskTable.Stored, in days: ClosedRange<CivilDate>) -> Bool {
        stored.facts.concludedOn.map(days.contains) ?? false
    }

    /// The rows matching, in case order (the order ``CaseKeyMap`` walks them in).
    private func inKeyOrder(where matching: (CaseRiskTable.Stored) -> Bool) -> [CaseRiskTable.Stored] {
        rows.compactMap { matching($0.value) ? $0.value : nil }
    }
}
