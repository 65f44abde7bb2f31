internal import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

/// Keeps case risk's tables up to date as intake's changes are applied (in the follower's write,
/// change by change): each first-instance litigation case's dated risk facts, the monthly
/// tallies, reconsideration corrections, the opinions naming a case. A changed open case is scored as of the change's feed day (and may
/// raise HIGH_RISK_CASE); a case seen concluded for the first time gets its closing score, what
/// the forecast's calibration is fitted on.
struct CaseRiskProjection {
    typealias Intake = Shuangjiang.Intake.V1

    let rules: AssessmentRules
    let timeZone: CityTimeZone

    /// - Parameter committedAt: the change's commit time (ms): feed time.
    func apply(_ tx: WriteTransaction, _ event: Intake.ChangeEvent, committedAt: Int64) throws {
        let feedDay = timeZone.date(of: Instant(milliseconds: committedAt))
        switch event.change {
        case .caseFiled(let snapshot):
            try caseChanged(tx, snapshot, feedDay: feedDay, event: event, committedAt: committedAt)
        case .caseEventRecorded(let recorded):
            if let snapshot = recorded.caseSnapshot {
                try caseChanged(tx, snapshot, feedDay: feedDay, event: event, committedAt: committedAt)
            }
        case .opinionReported(let opinion):
            try opinionChanged(tx, opinion, feedDay: feedDay, event: event, committedAt: committedAt)
        case .milestoneRecorded(let recorded):
            if let opinion = recorded.opinionSnapshot {
                try opinionChanged(tx, opinion, feedDay: feedDay, event: event, committedAt: committedAt)
            }
        default:
            break
        }
    }

    private func caseChanged(
        _ tx: WriteTransaction, _ snapshot: Intake.Case, feedDay: CivilDate?, event: Intake.ChangeEvent,
        committedAt: Int64
    ) throws {
        guard let counted = CaseFacts(snapshot: snapshot) else { return }
        if counted.kind == .reconsideration, let key = ResourceKind.case.parse(snapshot.id) {
            let corrected = counted.outcome?.isCorrection ?? false
            try RiskCountsTable.setCorrection(
                tx, key: key, agency: counted.agencyKey, concludedOn: corrected ? counted.concludedOn : nil)
            return
        }
        guard var facts = CaseRiskFacts(snapshot: snapshot, timeZone: timeZone) else { return }
        let previous = try CaseRiskTable.load(tx, key: facts.caseKey)
        if let previous, previous.version >= snapshot.version { return }
        facts.opinionsDetectedOn = try CaseRiskTable.opinions(tx, caseKey: facts.caseKey)
        let month = counted.concludedOn.map { Int64($0.key / 100) }
        var stored = CaseRiskTable.Stored(
            facts: facts, version: snapshot.version, countedMonth: month,
            countedLoss: month != nil && (counted.outcome?.isLoss ?? false), level: previous?.level ?? 0,
            scoreTenths: previous?.scoreTenths, closingScoreTenths: previous?.closingScoreTenths)
        // The tallies are replaced like the counts: old contribution out, new in.
        if let previous { try RiskCountsTable.add(tx, previous, sign: -1) }
        try RiskCountsTable.add(tx, stored, sign: 1)
        let scorer = CaseRiskScorer(rules: rules.risk)
        if let closingDay = RiskOutlook.closingDay(of: facts) {
            if stored.closingScoreTenths == nil {
                let history = try CaseRiskHistory.load(tx, asOf: closingDay, rules: rules.risk, agency: facts.agencyKey)
                stored.closingScoreTenths = scorer.assess(facts, history: history, on: closingDay).scoreTenths
            }
            try CaseRiskTable.save(tx, stored)
            return
        }
        try CaseRiskTable.save(tx, stored)
        try evaluate(tx, stored, feedDay: feedDay, sequence: event.sequence, committedAt: committedAt)
    }

    private func opinionChanged(
        _ tx: WriteTransaction, _ opinion: Intake.Opinion, feedDay: CivilDate?, event: Intake.ChangeEvent,
        committedAt: Int64
    ) throws {
        guard let opinionKey = ResourceKind.opinion.parse(opinion.id),
            let caseKey = ResourceKind.case.parse(opinion.relatedCaseId),
            let detected = Instant(opinion.detectedAt).flatMap({ timeZone.date(of: $0) })
        else { return }
        guard try CaseRiskTable.link(tx, opinion: opinionKey, caseKey: caseKey, detectedOn: detected),
            let stored = try CaseRiskTable.load(tx, key: caseKey), stored.facts.concludedOn == nil
        else { return }
        try evaluate(tx, stored, feedDay: feedDay, sequence: event.sequence, committedAt: committedAt)
    }

    /// Scores an open case as of the feed day (its filing day if that is later).
    private func evaluate(
        _ tx: WriteTransaction, _ stored: CaseRiskTable.Stored, feedDay: CivilDate?, sequence: Int64, committedAt: Int64
    ) throws {
        let day = max(feedDay ?? stored.facts.filedOn, stored.facts.filedOn)
        let history = try CaseRiskHistory.load(tx, asOf: day, rules: rules.risk, agency: stored.facts.agencyKey)
        let risk = CaseRiskScorer(rules: rules.risk).assess(stored.facts, history: history, on: day)
        try HighRiskCaseAlert.record(
            tx, stored, risk: risk, rules: rules.risk, day: day, assessedAt: Instant(milliseconds: committedAt),
            intakeSequence: sequence)
    }
}
