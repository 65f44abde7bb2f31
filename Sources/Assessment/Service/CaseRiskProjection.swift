internal import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

/// Keeps case risk's tables up to date as intake's changes are applied (in the follower's write,
/// change by change): each first-instance litigation case's dated risk facts, the monthly
/// tallies, reconsideration corrections, the opinions naming a case. A changed open case is
/// scored as of the change's feed day, and may raise HIGH_RISK_CASE.
struct CaseRiskProjection {
    typealias Intake = Shuangjiang.Intake.V1

    let rules: AssessmentRules
    let timeZone: CityTimeZone
    /// The history as of one month, kept while nothing written since falls in its window: the
    /// changes of a batch mostly share one, and it is exactly what a fresh read would give.
    private var memo: (month: Int64, history: CaseRiskHistory)?

    init(rules: AssessmentRules, timeZone: CityTimeZone) {
        self.rules = rules
        self.timeZone = timeZone
    }

    /// - Parameter committedAt: the change's commit time (ms): feed time.
    mutating func apply(_ tx: WriteTransaction, _ event: Intake.ChangeEvent, committedAt: Int64) throws {
        let feedDay = timeZone.date(of: Instant(milliseconds: committedAt))
        let snapshot: Intake.Case?
        let opinion: Intake.Opinion?
        switch event.change {
        case .caseFiled(let filed): (snapshot, opinion) = (filed, nil)
        case .caseEventRecorded(let recorded): (snapshot, opinion) = (recorded.caseSnapshot, nil)
        case .opinionReported(let reported): (snapshot, opinion) = (nil, reported)
        case .milestoneRecorded(let recorded): (snapshot, opinion) = (nil, recorded.opinionSnapshot)
        default: (snapshot, opinion) = (nil, nil)
        }
        var changed: CaseRiskTable.Stored?
        if let snapshot { changed = try caseChanged(tx, snapshot) }
        if let opinion { changed = try opinionChanged(tx, opinion) }
        guard let changed, changed.facts.concludedOn == nil else { return }
        let day = max(feedDay ?? changed.facts.filedOn, changed.facts.filedOn)
        let risk = CaseRiskScorer(rules: rules.risk).assess(changed.facts, history: try history(tx, on: day), on: day)
        try HighRiskCaseAlert.record(
            tx, changed, risk: risk, rules: rules.risk, day: day, assessedAt: Instant(milliseconds: committedAt),
            intakeSequence: event.sequence)
    }

    /// Records the case's new facts and tallies; returns them for a first-instance litigation case.
    private mutating func caseChanged(_ tx: WriteTransaction, _ snapshot: Intake.Case) throws -> CaseRiskTable.Stored? {
        guard let counted = CaseFacts(snapshot: snapshot) else { return nil }
        if counted.kind == .reconsideration, let key = ResourceKind.case.parse(snapshot.id) {
            let corrected = counted.outcome?.isCorrection ?? false
            try RiskCountsTable.setCorrection(
                tx, key: key, agency: counted.agencyKey, concludedOn: corrected ? counted.concludedOn : nil)
            memo = nil
            return nil
        }
        guard var facts = CaseRiskFacts(snapshot: snapshot, timeZone: timeZone) else { return nil }
        let previous = try CaseRiskTable.load(tx, key: facts.caseKey)
        if let previous, previous.version >= snapshot.version { return nil }
        facts.opinionsDetectedOn = previous?.facts.opinionsDetectedOn ?? []
        let month = counted.concludedOn.map { Int64($0.key / 100) }
        let stored = CaseRiskTable.Stored(
            facts: facts, version: snapshot.version, countedMonth: month,
            countedLoss: month != nil && (counted.outcome?.isLoss ?? false), level: previous?.level ?? 0,
            scoreTenths: previous?.scoreTenths, closingScoreTenths: previous?.closingScoreTenths)
        // The tallies are replaced like the counts: old contribution out, new in.
        if let previous {
            try RiskCountsTable.add(tx, previous, sign: -1)
            forget(previous.countedMonth)
        }
        try RiskCountsTable.add(tx, stored, sign: 1)
        forget(month)
        try CaseRiskTable.save(tx, stored)
        return stored
    }

    /// Records the link an incident makes to a case; returns the case if the link is new.
    private func opinionChanged(_ tx: WriteTransaction, _ opinion: Intake.Opinion) throws -> CaseRiskTable.Stored? {
        guard let opinionKey = ResourceKind.opinion.parse(opinion.id),
            let caseKey = ResourceKind.case.parse(opinion.relatedCaseId),
            let detected = Instant(opinion.detectedAt).flatMap({ timeZone.date(of: $0) }),
            try CaseRiskTable.link(tx, opinion: opinionKey, caseKey: caseKey, detectedOn: detected)
        else { return nil }
        return try CaseRiskTable.load(tx, key: caseKey)
    }

    private mutating func history(_ tx: WriteTransaction, on day: CivilDate) throws -> CaseRiskHistory {
        let month = Int64(day.key / 100)
        if let memo, memo.month == month { return memo.history }
        let history = try CaseRiskHistory.load(tx, asOf: day, rules: rules.risk)
        memo = (month, history)
        return history
    }

    /// Drops the memo if a conclusion in `month` changes its window.
    private mutating func forget(_ month: Int64?) {
        guard let month, let memo else { return }
        let window = memo.history.window
        if Int64(window.lowerBound.key / 100)...Int64(window.upperBound.key / 100) ~= month { self.memo = nil }
    }
}
