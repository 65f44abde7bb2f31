internal import Synchronization

/// The case rows (cases and case_risk) the last write left, handed to the next one, so a case
/// changed again is not read back from the database: in a replay of a city's history each case
/// changes several times, a write or more apart, and those reads were a large part of each
/// change's cost.
///
/// Valid only for the state it was left at: the intake position and the month last reviewed,
/// which the next write finds in the database. A rolled-back write leaves the older position;
/// the judging timer's monthly review (the only other writer of case_risk) moves the review
/// month. A write takes the rows out (so a write that fails part-way leaves nothing stale
/// behind) and puts them back once it has applied everything. The `cases` rows are a cache: a
/// case missing from it is read from the database. The case_risk rows are every row the monthly
/// review can read (``LiveCaseRisk``); a write that finds none carried reads them afresh, a
/// query over the open cases and a window of conclusions.
final class CaseRowCache: Sendable {
    struct Position: Equatable {
        let intakeSequence: Int64
        let reviewedMonth: Int64?
    }

    struct Rows {
        var cases = CaseKeyMap<CasesTable.Stored>()
        /// nil: not carried, read afresh.
        var risk: LiveCaseRisk?
    }

    /// `cases` rows kept across writes at most; past it they start empty again (a city's open
    /// and recent cases fit many times over). The case_risk rows are always kept: they are what
    /// the monthly review reads in any case (the open cases and a window of conclusions), and
    /// without them every write, however small, would read them all again.
    static let limit = 400_000

    private let kept = Mutex<(position: Position, rows: Rows)?>(nil)

    /// The rows left at exactly `position`, or none; either way the cache is empty afterwards.
    func take(at position: Position) -> Rows {
        kept.withLock { kept in
            defer { kept = nil }
            guard let entry = kept, entry.position == position else { return Rows() }
            return entry.rows
        }
    }

    func keep(_ rows: Rows, at position: Position) {
        var rows = rows
        if rows.cases.count > Self.limit { rows.cases = CaseKeyMap() }
        kept.withLock { $0 = (position, rows) }
    }
}
