internal import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

/// Applies intake's changes to assessment's tables, inside the write that advances the follower's
/// cursor, so each change is applied exactly once. Before a change, whatever its commit time shows
/// to be due is judged first (QuarterJudge): what is judged depends only on intake's feed.
struct IntakeProjection: Sendable {
    typealias Intake = Shuangjiang.Intake.V1
    typealias V1 = Shuangjiang.Assessment.V1

    let rules: AssessmentRules
    let timeZone: CityTimeZone

    func apply(_ tx: WriteTransaction, _ event: Intake.ChangeEvent) throws {
        let committedAt = Instant(event.committedAt)?.milliseconds ?? 0
        let previous = try tx.fetchValue(Int64.self, "SELECT committed_at FROM feed_time WHERE id = 1")
        try QuarterJudge(rules: rules, timeZone: timeZone).judge(tx, previous: previous, now: committedAt)
        try MonthlyRiskReview(rules: rules, timeZone: timeZone).review(tx, now: committedAt)
        switch event.change {
        case .regionCreated(let region):
            guard let key = ResourceKind.region.parse(region.id) else { break }
            try tx.execute(
                "INSERT INTO regions (id, kind, name) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING", key,
                Int64(region.regionKind.rawValue), region.name)
        case .agencyCreated(let agency):
            guard let key = ResourceKind.agency.parse(agency.id), let region = ResourceKind.region.parse(agency.regionId)
            else { break }
            try tx.execute(
                "INSERT INTO agencies (id, region_id, name, level) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING", key,
                region, agency.name, Int64(agency.level.rawValue))
        case .caseFiled(let snapshot):
            try applyCase(tx, snapshot)
        case .caseEventRecorded(let recorded):
            if let snapshot = recorded.caseSnapshot { try applyCase(tx, snapshot) }
        case .opinionReported, .milestoneRecorded, nil:
            // Opinion deadlines are followed by their own part of assessment (not yet built);
            // a change this version does not know is skipped, and the cursor still moves.
            break
        }
        try CaseRiskProjection(rules: rules, timeZone: timeZone).apply(tx, event, committedAt: committedAt)
        try tx.execute(
            """
            INSERT INTO feed_time (id, intake_sequence, committed_at) VALUES (1, ?, ?)
            ON CONFLICT (id) DO UPDATE SET intake_sequence = excluded.intake_sequence, committed_at = excluded.committed_at
            """, event.sequence, committedAt)
    }

    /// Replaces the case's contribution to every count it is in with its new one, and raises the
    /// case-lost alert the first time its counted outcome is a loss.
    private func applyCase(_ tx: WriteTransaction, _ snapshot: Intake.Case) throws {
        guard let key = ResourceKind.case.parse(snapshot.id), let fresh = CaseFacts(snapshot: snapshot) else { return }
        let previous = try CasesTable.load(tx, key: key)
        if let previous, previous.version >= snapshot.version { return }
        let facts = previous.map { $0.facts.revised(to: fresh) } ?? fresh
        var deltas: [ScopeKey: [CivilDate: Counts]] = [:]
        for (day, counts) in facts.contribution {
            for scope in facts.scopes { deltas[scope, default: [:]][day, default: Counts()] += counts }
        }
        if let old = previous?.facts {
            for (day, counts) in old.contribution {
                for scope in old.scopes { deltas[scope, default: [:]][day, default: Counts()] -= counts }
            }
        }
        for (scope, days) in deltas {
            for (day, delta) in days { try CountsTable.add(tx, delta, scope: scope, day: day) }
        }
        var stored = CasesTable.Stored(facts: facts, version: snapshot.version, lossAlerted: previous?.lossAlerted ?? false)
        if facts.isFirstInstanceLitigation, let concludedOn = facts.concludedOn, let outcome = facts.outcome, outcome.isLoss,
            !stored.lossAlerted
        {
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
                tx, key: "case_lost/\(snapshot.id)", alert, regionKey: facts.regionKey,
                period: .month(containing: concludedOn))
            stored.lossAlerted = true
        }
        try CasesTable.save(
            tx, key: key, stored, category: snapshot.category.rawValue, docket: snapshot.docketNumber,
            state: snapshot.state.rawValue)
    }
}
