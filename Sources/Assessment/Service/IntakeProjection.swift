internal import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

/// Applies intake's changes to assessment's tables, inside the write that advances the follower's
/// cursor, so each change is applied exactly once.
///
/// A write applies a batch of changes (up to the follower's batch size). Their effect on the
/// counts is summed in memory and written once per scope and day (and month and year), and each
/// case row is written once per batch and read from the database only the first time (the rows
/// are carried to the next write in `CaseRowCache`), so a replay costs a few statements per case,
/// not a dozen per change. Before a change whose commit time shows something due (QuarterJudge for quarters,
/// OpinionDeadlineJudge for response deadlines), the batch so far is flushed and that is judged
/// first: what is judged depends only on intake's feed, exactly as if every change were its own
/// write.
struct IntakeProjection: Sendable {
    typealias Intake = Shuangjiang.Intake.V1
    typealias V1 = Shuangjiang.Assessment.V1

    let rules: AssessmentRules
    let timeZone: CityTimeZone
    /// The generation of the reloadable rules this projection was built from.
    var generation = 0
    let riskMemo = CaseRiskMemo()
    let rowCache = CaseRowCache()

    func apply(_ tx: WriteTransaction, _ events: [Intake.ChangeEvent]) throws {
        guard let last = events.last else { return }
        let start = CaseRowCache.Position(
            intakeSequence: try AssessmentService.intakeSequence(tx), reviewedMonth: try CaseRiskTable.reviewedMonth(tx)
        )
        let cached = rowCache.take(at: start)
        // Moved, not copied: a second reference would make the first change copy every row.
        let cachedCases = cached.cases
        let cachedRisk = cached.risk
        _ = consume cached
        var batch = try Batch(tx: tx, cached: consume cachedCases)
        let judge = QuarterJudge(rules: rules, timeZone: timeZone)
        var risk = try CaseRiskProjection(
            tx, rules: rules, timeZone: timeZone, start: start, carried: riskMemo, live: consume cachedRisk)
        var previous = try tx.fetchValue(Int64.self, "SELECT committed_at FROM feed_time WHERE id = 1")
        var due = try judge.nextMoment(tx, earliestConclusion: batch.earliestConclusion)
        let deadlines = OpinionDeadlineJudge(timeZone: timeZone)
        let opinions = OpinionProjection(timeZone: timeZone)
        // Judging deadlines is a query; it runs only once feed time has passed the earliest
        // pending due time, which is read again after anything that may change it.
        var earliestPending = try OpinionDeadlineJudge.earliestPending(tx)
        for event in events {
            let committedAt = Instant(event.committedAt)?.milliseconds ?? 0
            let now = Instant(milliseconds: committedAt)
            if let earliest = earliestPending, earliest < now.nanosecondsSinceEpoch {
                try deadlines.judge(tx, now: now)
                earliestPending = try OpinionDeadlineJudge.earliestPending(tx)
            }
            if let previous, let moment = due, judge.isDue(moment, previous: previous, now: committedAt) {
                try batch.flush()
                try judge.judge(tx, previous: previous, now: committedAt)
                due = try judge.nextMoment(tx, earliestConclusion: batch.earliestConclusion)
            }
            try risk.beforeChange(tx, committedAt: committedAt)
            // A case change's facts, read from its snapshot once for both projections.
            var facts: CaseFacts?
            switch event.change {
            case .regionCreated(let region):
                guard let key = ResourceKind.region.parse(region.id) else { break }
                try tx.execute(
                    "INSERT INTO regions (id, kind, name) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING", key,
                    Int64(region.regionKind.rawValue), region.name)
            case .agencyCreated(let agency):
                guard let key = ResourceKind.agency.parse(agency.id),
                    let region = ResourceKind.region.parse(agency.regionId)
                else { break }
                try tx.execute(
                    "INSERT INTO agencies (id, region_id, name, level) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                    key, region, agency.name, Int64(agency.level.rawValue))
            case .caseFiled(let snapshot):
                facts = try applyCase(&batch, snapshot)
            case .caseEventRecorded(let recorded):
                if let snapshot = recorded.caseSnapshot { facts = try applyCase(&batch, snapshot) }
            case .opinionReported(let opinion):
                try opinions.apply(tx, opinion, committedAt: Instant(milliseconds: committedAt))
                earliestPending = try OpinionDeadlineJudge.earliestPending(tx)
            case .milestoneRecorded(let recorded):
                if let snapshot = recorded.opinionSnapshot {
                    try opinions.apply(tx, snapshot, committedAt: Instant(milliseconds: committedAt))
                    earliestPending = try OpinionDeadlineJudge.earliestPending(tx)
                }
            case nil:
                // A change this version does not know is skipped, and the cursor still moves.
                break
            }
            try risk.apply(tx, event, facts: facts, committedAt: committedAt)
            if due == nil, let earliest = batch.earliestConclusion {
                // The first conclusion ever seen starts the judging calendar.
                due = try judge.nextMoment(tx, earliestConclusion: earliest)
            }
            previous = committedAt
        }
        try batch.flush()
        let riskRows = try risk.finish(tx, sequence: last.sequence)
        try tx.execute(
            """
            INSERT INTO feed_time (id, intake_sequence, committed_at) VALUES (1, ?, ?)
            ON CONFLICT (id) DO UPDATE SET intake_sequence = excluded.intake_sequence, committed_at = excluded.committed_at
            """, last.sequence, Instant(last.committedAt)?.milliseconds ?? 0)
        // The cases concluded before the risk rows' bound go with them: changes to them are rare
        // (a late appeal), and the carried rows stay the open cases and a window of conclusions.
        if let since = riskRows.since,
            since != LiveCaseRisk.since(reviewedMonth: start.reviewedMonth, rules: rules.risk)
        {
            batch.forget(concludedBefore: since)
        }
        rowCache.keep(
            CaseRowCache.Rows(cases: batch.cached, risk: riskRows),
            at: CaseRowCache.Position(intakeSequence: last.sequence, reviewedMonth: try CaseRiskTable.reviewedMonth(tx))
        )
    }

    /// Replaces the case's contribution to every count it is in with its new one, and raises the
    /// case-lost alert the first time its counted outcome is a loss. Returns the snapshot's facts
    /// (nil for a snapshot that has none), whether or not they were newer than the row's.
    private func applyCase(_ batch: inout Batch, _ snapshot: Intake.Case) throws -> CaseFacts? {
        guard let fresh = CaseFacts(snapshot: snapshot) else { return nil }
        guard let key = ResourceKind.case.parse(snapshot.id) else { return fresh }
        let previous = try batch.load(key)
        if let previous, previous.stored.version >= snapshot.version { return fresh }
        let facts = previous.map { $0.stored.facts.revised(to: fresh) } ?? fresh
        batch.replace(previous?.stored.facts, with: facts)
        var stored = CasesTable.Stored(
            facts: facts, version: snapshot.version, lossAlerted: previous?.stored.lossAlerted ?? false)
        if facts.isFirstInstanceLitigation, let concludedOn = facts.concludedOn, let outcome = facts.outcome,
            outcome.isLoss, !stored.lossAlerted
        {
            try raiseCaseLost(batch.tx, snapshot, outcome: outcome, concludedOn: concludedOn, region: facts.regionKey)
            stored.lossAlerted = true
        }
        batch.store(
            key,
            Batch.Row(
                stored: stored, category: snapshot.category.rawValue, docket: snapshot.docketNumber,
                state: snapshot.state.rawValue))
        return fresh
    }

    private func raiseCaseLost(
        _ tx: WriteTransaction, _ snapshot: Intake.Case, outcome: Outcome, concludedOn: CivilDate, region: Int64
    ) throws {
        var alert = V1.Alert()
        alert.kind = .caseLost
        var subject = V1.AlertSubject()
        subject.target = .caseId(snapshot.id)
        subject.displayName = snapshot.docketNumber
        alert.subject = subject
        var lost = V1.CaseLost()
        lost.caseId = snapshot.id
        lost.docketNumber = snapshot.docketNumber
        lost.defendantAgencyId = snapshot.defendantAgencyId
        lost.regionId = snapshot.regionId
        lost.outcome = Intake.CaseOutcome(rawValue: outcome.rawValue)
        lost.concludedOn = concludedOn.date
        alert.details = .caseLost(lost)
        try AlertLog.raise(
            tx, key: "case_lost/\(snapshot.id)", alert, regionKey: region, period: .month(containing: concludedOn))
    }
}

extension IntakeProjection {
    /// What one write has changed so far and not yet written: case rows, and counts per scope and
    /// day and per scope and month (the years are summed from the months when written).
    struct Batch {
        struct Row {
            var stored: CasesTable.Stored
            var category: Int32
            var docket: String
            var state: Int32
        }

        let tx: WriteTransaction
        private var rows = CaseKeyMap<Row>()
        /// Every case row as of the batch so far, read or written, for the next write.
        private(set) var cached: CaseKeyMap<CasesTable.Stored>
        private var days: [ScopeKey: [CivilDate: Counts]] = [:]
        private var months: [ScopeKey: [Int64: Counts]] = [:]
        /// The earliest conclusion date of a first-instance litigation case, stored or in the batch.
        private(set) var earliestConclusion: CivilDate?
        /// The table's highest key when the write began. Intake numbers new cases upwards, so
        /// a case filed since is above it and is known to be new without a query (a replay's
        /// every filing asked the table for a row it could not have).
        private let highestStoredKey: Int64

        init(tx: WriteTransaction, cached: CaseKeyMap<CasesTable.Stored>) throws {
            self.tx = tx
            self.cached = cached
            highestStoredKey = try CasesTable.highestKey(tx)
            // Only needed until the first quarter is judged.
            if try tx.fetchOne("SELECT 1 FROM judging WHERE id = 1") == nil {
                earliestConclusion = try QuarterJudge.earliestConclusion(tx)
            }
        }

        mutating func load(_ key: Int64) throws -> Row? {
            if let row = rows[key] { return row }
            // Only `stored` is read back: the other columns are rewritten from the snapshot.
            if let stored = cached[key] { return Row(stored: stored, category: 0, docket: "", state: 0) }
            // Rows this write stores stay in `cached`, so above the write's first highest key the
            // table holds nothing that is not here.
            guard key <= highestStoredKey, let stored = try CasesTable.load(tx, key: key) else { return nil }
            cached[key] = stored
            return Row(stored: stored, category: 0, docket: "", state: 0)
        }

        mutating func store(_ key: Int64, _ row: Row) {
            rows[key] = row
            cached[key] = row.stored
            if row.stored.facts.isFirstInstanceLitigation, let concluded = row.stored.facts.concludedOn {
                earliestConclusion = min(earliestConclusion ?? concluded, concluded)
            }
        }

        /// Drops the cached rows of cases concluded before `day` (in place: most rows stay).
        mutating func forget(concludedBefore day: CivilDate) {
            cached.removeAll { _, stored in stored.facts.concludedOn.map { $0 < day } ?? false }
        }

        /// Replaces what `old` contributed to each scope (nothing if nil) with what `new` does.
        ///
        /// A case in the same region and agency as before changes only by the difference, day by
        /// day: most changes to a case (a hearing set, the head's appearance) change no count,
        /// and its filing day's counts stay as they were when it concludes, so most of what was
        /// taken away and added back cancels before it costs a dictionary update.
        mutating func replace(_ old: CaseFacts?, with new: CaseFacts) {
            guard let old, old.scopes == new.scopes else {
                add(new.contribution, to: new.scopes)
                if let old { add(old.contribution.map { ($0.day, Counts() - $0.counts) }, to: old.scopes) }
                return
            }
            var net = new.contribution
            for (day, counts) in old.contribution {
                if let index = net.firstIndex(where: { $0.day == day }) {
                    net[index].counts -= counts
                } else {
                    net.append((day, Counts() - counts))
                }
            }
            add(net.filter { !$0.counts.isZero }, to: new.scopes)
        }

        private mutating func add(_ contribution: [(day: CivilDate, counts: Counts)], to scopes: [ScopeKey]) {
            for (day, counts) in contribution {
                let month = Int64(day.key / 100)
                for scope in scopes {
                    days[scope, default: [:]][day, default: Counts()] += counts
                    months[scope, default: [:]][month, default: Counts()] += counts
                }
            }
        }

        /// Writes everything pending; the batch is empty afterwards.
        mutating func flush() throws {
            for (key, row) in rows {
                try CasesTable.save(
                    tx, key: key, row.stored, category: row.category, docket: row.docket, state: row.state)
            }
            for (scope, byDay) in days {
                for (day, delta) in byDay { try CountsTable.addDay(tx, delta, scope: scope, day: day) }
            }
            for (scope, byMonth) in months {
                var years: [Int64: Counts] = [:]
                for (month, delta) in byMonth {
                    try CountsTable.addMonth(tx, delta, scope: scope, month: month)
                    years[month / 100, default: Counts()] += delta
                }
                for (year, delta) in years { try CountsTable.addYear(tx, delta, scope: scope, year: year) }
            }
            rows = CaseKeyMap()
            days = [:]
            months = [:]
        }
    }
}
