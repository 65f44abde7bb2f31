internal import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

/// Keeps case risk's tables up to date as intake's changes are applied, in the follower's write:
/// each first-instance litigation case's dated risk facts, the monthly tallies, reconsideration
/// corrections, the opinions naming a case. A changed open case is scored as of the change's feed
/// day (its level stored with it), and may raise HIGH_RISK_CASE; the monthly review runs before
/// the first change of a new month.
///
/// One value lives for one write. Case rows (``LiveCaseRisk``, which the review reads and writes
/// too) and tallies are kept in memory and written once, at the end; the history cases are scored
/// against is read once and then kept in step with every change in memory, so each case is scored
/// on exactly the changes before it, however the feed was cut into writes. Anything that reads the
/// tallies' table (a fresh history, the review) writes the pending tallies first.
struct CaseRiskProjection {
    typealias Intake = Shuangjiang.Intake.V1

    let rules: AssessmentRules
    let timeZone: CityTimeZone
    private var memo: (month: Int64, history: CaseRiskHistory)?
    /// Built once per write: a scorer turns the rules' weights into an array when it is made,
    /// which done for every changed case was a sixtieth of a replay.
    private let scorer: CaseRiskScorer
    private let carried: CaseRiskMemo?
    private var live: LiveCaseRisk
    private var deltas: [RiskCountsTable.Key: RiskCountsTable.Delta] = [:]
    /// The month last reviewed.
    private var reviewedMonth: Int64?

    /// - Parameters:
    ///   - start: the intake position and review month the write starts from, as the database
    ///     holds them before it changes anything.
    ///   - carried: the history the previous write left, if the same projection made it; taken
    ///     if it was left at `start`, so every change after is kept in step with it.
    ///   - live: case_risk's rows as of `start` (``CaseRowCache``), or nil to read them.
    init(
        _ tx: WriteTransaction, rules: AssessmentRules, timeZone: CityTimeZone, start: CaseRowCache.Position,
        carried: CaseRiskMemo? = nil, live: LiveCaseRisk? = nil
    ) throws {
        self.rules = rules
        self.timeZone = timeZone
        self.carried = carried
        scorer = CaseRiskScorer(rules: rules.risk, explained: false)
        self.live =
            try live
            ?? LiveCaseRisk.load(tx, since: LiveCaseRisk.since(reviewedMonth: start.reviewedMonth, rules: rules.risk))
        try self.live.beginWrite(tx)
        reviewedMonth = start.reviewedMonth
        if let entry = carried?.entry(at: start.intakeSequence) { memo = (entry.month, entry.history) }
    }

    /// Runs the monthly review if the change committed at `committedAt` is the first of a new month.
    mutating func beforeChange(_ tx: WriteTransaction, committedAt: Int64) throws {
        guard let today = timeZone.date(of: Instant(milliseconds: committedAt)) else { return }
        let month = Int64(today.key / 100)
        if let reviewedMonth, month <= reviewedMonth { return }
        try flushTallies(tx)
        // The review reads the new month's history anyway; the changes after it keep it in step,
        // so the first case scored in the month does not read it again.
        let review = try MonthlyRiskReview(rules: rules, timeZone: timeZone).review(
            tx, now: committedAt, known: memo, rows: &live)
        if let review { memo = (review.month, review.history) }
        reviewedMonth = max(reviewedMonth ?? month, month)
    }

    /// - Parameters:
    ///   - facts: for a case change, `CaseFacts(snapshot:)` of its snapshot (the counts'
    ///     projection has read them already).
    ///   - committedAt: the change's commit time (ms): feed time.
    mutating func apply(_ tx: WriteTransaction, _ event: Intake.ChangeEvent, facts: CaseFacts?, committedAt: Int64)
        throws
    {
        let context = Context(
            feedDay: timeZone.date(of: Instant(milliseconds: committedAt)), sequence: event.sequence,
            assessedAt: Instant(milliseconds: committedAt))
        switch event.change {
        case .caseFiled(let snapshot):
            if let facts { try caseChanged(tx, snapshot, facts, context) }
        case .caseEventRecorded(let recorded):
            if let snapshot = recorded.caseSnapshot, let facts { try caseChanged(tx, snapshot, facts, context) }
        case .opinionReported(let opinion):
            try opinionChanged(tx, opinion, context)
        case .milestoneRecorded(let recorded):
            if let opinion = recorded.opinionSnapshot { try opinionChanged(tx, opinion, context) }
        default:
            break
        }
    }

    /// Writes the rows and tallies kept in memory, and leaves the history for the next write as
    /// of `sequence`, the last change applied. Returns the case_risk rows as they now stand, for
    /// ``CaseRowCache``.
    mutating func finish(_ tx: WriteTransaction, sequence: Int64) throws -> LiveCaseRisk {
        try live.flush(tx)
        try flushTallies(tx)
        carried?.keep(memo.map { CaseRiskMemo.Entry(sequence: sequence, month: $0.month, history: $0.history) })
        live.forget(concludedBefore: LiveCaseRisk.since(reviewedMonth: reviewedMonth, rules: rules.risk))
        return live
    }

    /// Writes the tallies kept in memory.
    private mutating func flushTallies(_ tx: WriteTransaction) throws {
        try RiskCountsTable.write(tx, deltas)
        deltas = [:]
    }

    private struct Context {
        let feedDay: CivilDate?
        let sequence: Int64
        let assessedAt: Instant
    }

    private mutating func load(_ tx: WriteTransaction, _ key: Int64) throws -> CaseRiskTable.Stored? {
        try live.row(tx, key)
    }

    /// A changed row: written at the end of the write, and kept for the next.
    private mutating func set(_ key: Int64, _ stored: CaseRiskTable.Stored) {
        live.set(key, stored)
    }

    private mutating func caseChanged(
        _ tx: WriteTransaction, _ snapshot: Intake.Case, _ counted: CaseFacts, _ context: Context
    ) throws {
        if counted.kind == .reconsideration, let key = ResourceKind.case.parse(snapshot.id) {
            // Rare enough to write at once; the memo follows.
            let corrected = counted.outcome?.isCorrection ?? false
            guard
                let change = try RiskCountsTable.setCorrection(
                    tx, key: key, agency: counted.agencyKey, concludedOn: corrected ? counted.concludedOn : nil)
            else { return }
            if let old = change.old { memo?.history.correction(agency: old.agency, on: old.day, sign: -1) }
            if let new = change.new { memo?.history.correction(agency: new.agency, on: new.day, sign: 1) }
            return
        }
        guard var facts = CaseRiskFacts(snapshot: snapshot, timeZone: timeZone) else { return }
        let previous = try load(tx, facts.caseKey)
        if let previous, previous.version >= snapshot.version { return }
        facts.opinionsDetectedOn = previous?.facts.opinionsDetectedOn ?? []
        let month = counted.concludedOn.map { Int64($0.key / 100) }
        var stored = CaseRiskTable.Stored(
            facts: facts, version: snapshot.version, countedMonth: month,
            countedLoss: month != nil && (counted.outcome?.isLoss ?? false), level: previous?.level ?? 0,
            scoreTenths: previous?.scoreTenths, closingScoreTenths: previous?.closingScoreTenths)
        if let previous { count(previous, sign: -1) }
        count(stored, sign: 1)
        try evaluate(tx, &stored, previousLevel: previous?.level ?? 0, context)
        set(facts.caseKey, stored)
    }

    private mutating func opinionChanged(_ tx: WriteTransaction, _ opinion: Intake.Opinion, _ context: Context) throws {
        guard let opinionKey = ResourceKind.opinion.parse(opinion.id),
            let caseKey = ResourceKind.case.parse(opinion.relatedCaseId),
            let detected = Instant(opinion.detectedAt).flatMap({ timeZone.date(of: $0) })
        else { return }
        let old = try CaseRiskTable.link(tx, opinion: opinionKey)
        if let old, old.caseKey == caseKey, old.detectedOn == detected { return }
        // Both cases are read before the link is written, so neither sees it twice.
        let before = try old.flatMap { try load(tx, $0.caseKey) }
        let after = old?.caseKey == caseKey ? before : try load(tx, caseKey)
        try CaseRiskTable.setLink(tx, opinion: opinionKey, caseKey: caseKey, detectedOn: detected)
        if let old, var stored = before, old.caseKey != caseKey {
            if let index = stored.facts.opinionsDetectedOn.firstIndex(of: old.detectedOn) {
                stored.facts.opinionsDetectedOn.remove(at: index)
            }
            try evaluate(tx, &stored, previousLevel: stored.level, context)
            set(old.caseKey, stored)
        }
        guard var stored = after else { return }
        if old?.caseKey == caseKey, let old, let index = stored.facts.opinionsDetectedOn.firstIndex(of: old.detectedOn)
        {
            stored.facts.opinionsDetectedOn.remove(at: index)
        }
        stored.facts.opinionsDetectedOn = (stored.facts.opinionsDetectedOn + [detected]).sorted()
        try evaluate(tx, &stored, previousLevel: stored.level, context)
        set(caseKey, stored)
    }

    /// Scores an open case as of the feed day (its filing day if that is later), sets its level,
    /// and raises HIGH_RISK_CASE if that is newly RED. A concluded case is left as it is.
    private mutating func evaluate(
        _ tx: WriteTransaction, _ stored: inout CaseRiskTable.Stored, previousLevel: Int64, _ context: Context
    ) throws {
        guard stored.facts.concludedOn == nil else { return }
        let day = max(context.feedDay ?? stored.facts.filedOn, stored.facts.filedOn)
        let history = try history(tx, on: day)
        let risk = scorer.assess(stored.facts, history: history, on: day)
        stored.level = Int64(risk.level.rawValue)
        stored.scoreTenths = risk.scoreTenths
        try HighRiskCaseAlert.raiseIfNewlyRed(
            tx, stored, previousLevel: previousLevel, risk: risk, history: history, rules: rules.risk, day: day,
            assessedAt: context.assessedAt, intakeSequence: context.sequence)
    }

    private mutating func history(_ tx: WriteTransaction, on day: CivilDate) throws -> CaseRiskHistory {
        let month = Int64(day.key / 100)
        if let memo, memo.month == month { return memo.history }
        try flushTallies(tx)
        let history = try live.history(tx, asOf: day, rules: rules.risk)
        memo = (month, history)
        return history
    }

    /// A case's contribution going in (`sign` 1) or out (-1): into the pending tallies, and into
    /// the memo if it concluded in its window.
    private mutating func count(_ stored: CaseRiskTable.Stored, sign: Int) {
        RiskCountsTable.add(stored, sign: Int64(sign), to: &deltas)
        guard stored.countedMonth != nil else { return }
        memo?.history.count(
            agency: stored.facts.agencyKey, category: stored.facts.category, filedOn: stored.facts.filedOn,
            concludedOn: stored.facts.concludedOn, lost: stored.countedLoss, sign: sign)
    }
}
