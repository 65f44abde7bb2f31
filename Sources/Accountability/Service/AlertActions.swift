internal import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

/// Acts on assessment's alerts, inside the write that advances the follower's cursor, so each
/// alert acts exactly once. Every alert is kept (a referral may name it later); then by kind:
/// CASE_LOST records the loss and opens a referral, OPINION_DEADLINE_MISSED opens a referral,
/// LOSS_RATE_THRESHOLD_CROSSED opens an escalation, HIGH_RISK_CASE opens a supervision — each as
/// the rules say, keyed by the alert's sequence (UNIQUE in the schema), and never a second one
/// for the same case, incident, or region and quarter. Other kinds are kept and act on nothing.
struct AlertActions: Sendable {
    typealias Assessment = Shuangjiang.Assessment.V1
    typealias V1 = Shuangjiang.Accountability.V1

    let rules: AccountabilityRules
    let timeZone: CityTimeZone
    let clock: any WallClock
    let alarm: SupervisionAlarm

    func apply(_ tx: WriteTransaction, _ alert: Assessment.Alert) throws {
        let now = clock.now()
        // The alert's own time: what the clue, the quarter and the deadline go by, however late
        // it is read.
        let raisedAt = Instant(alert.createdAt) ?? now
        try AlertsTable.insert(
            tx, sequence: alert.sequence, kind: alert.kind.rawValue, createdAt: raisedAt.milliseconds,
            body: try alert.serializedBytes())
        switch alert.details {
        case .caseLost(let lost):
            guard let caseKey = ResourceKind.case.parse(lost.caseId),
                let agency = ResourceKind.agency.parse(lost.defendantAgencyId),
                let region = ResourceKind.region.parse(lost.regionId), let concludedOn = CivilDate(lost.concludedOn)
            else { return }
            try ReferralsTable.recordLoss(tx, caseKey: caseKey, agency: agency, concludedOn: concludedOn.key)
            guard rules.referrals.fromCaseLost else { return }
            let reason =
                "败诉案件线索: \(lost.docketNumber) 一审 \(concludedOn) 审结, 结果为败诉 (\(lost.outcome)); 由 assessment 告警 \(alert.sequence) 自动移送"
            try refer(
                tx, alert, regionId: lost.regionId, agencyId: lost.defendantAgencyId, region: region,
                agency: agency, reason: reason, at: raisedAt, now: now)
        case .opinionDeadlineMissed(let missed):
            guard rules.referrals.fromOpinionDeadlineMissed,
                let agency = ResourceKind.agency.parse(missed.departmentAgencyId),
                let region = ResourceKind.region.parse(missed.regionId)
            else { return }
            let reason =
                "舆情处置超时: \(missed.opinionId) 的 \(missed.deadline) 时限未按时完成; 由 assessment 告警 \(alert.sequence) 自动移送"
            try refer(
                tx, alert, regionId: missed.regionId, agencyId: missed.departmentAgencyId, region: region,
                agency: agency, reason: reason, at: raisedAt, now: now)
        case .lossRateThresholdCrossed(let crossed):
            try escalate(tx, alert, crossed, now: now)
        case .highRiskCase(let found):
            try supervise(tx, alert, found, raisedAt: raisedAt, now: now)
        case .redWarning, .projectedCrossing, .opinionDeadlineMissedWithdrawn, nil:
            // Kept for the record; they call for people, not for an entity of ours.
            break
        }
    }

    private func refer(
        _ tx: WriteTransaction, _ alert: Assessment.Alert, regionId: String, agencyId: String, region: Int64,
        agency: Int64, reason: String, at raisedAt: Instant, now: Instant
    ) throws {
        var source = V1.ReferralSource()
        source.origin = .alertSequence(alert.sequence)
        var opening = ReferralOpening(
            source: source, sourceField: "alert", regionId: regionId, agencyId: agencyId,
            keys: ReferralsTable.Keys(region: region, agency: agency, alertSequence: alert.sequence), reason: reason,
            performedBy: ReferralRules.systemActor, occurredAt: raisedAt)
        opening.concern(alert)
        // Someone referred the case (or incident) already: that referral stands.
        guard try opening.existing(tx) == nil else { return }
        _ = try opening.open(tx, rules: rules.repeatedLoss, timeZone: timeZone, now: now)
    }

    private func escalate(
        _ tx: WriteTransaction, _ alert: Assessment.Alert, _ crossed: Assessment.LossRateThresholdCrossed, now: Instant
    ) throws {
        guard let region = ResourceKind.region.parse(crossed.regionId), let period = alert.period,
            period.kind == .quarter, let first = CivilDate(period.firstDay), let last = CivilDate(period.lastDay)
        else { return }
        let quarter = Int64(period.year) * 10 + Int64(period.index)
        guard try !EscalationsTable.exists(tx, region: region, quarter: quarter) else { return }
        let rung =
            EscalationRung(rawValue: crossed.escalation.rawValue)
            ?? EscalationConveners.rung(forOccurrence: crossed.occurrence)
        let key = try tx.nextKey(.escalation)
        var escalation = V1.Escalation()
        escalation.id = ResourceKind.escalation.format(key)
        escalation.version = 1
        escalation.kind = Shuangjiang.Common.V1.EscalationKind(rawValue: rung.rawValue)
        escalation.regionId = crossed.regionId
        escalation.regionName = alert.subject?.displayName ?? ""
        escalation.quarter = period
        escalation.lossRate = crossed.lossRate
        escalation.threshold = crossed.threshold
        escalation.occurrence = crossed.occurrence
        escalation.alertSequence = alert.sequence
        escalation.status = .pending
        escalation.convener = rules.escalations.convener(of: rung)
        escalation.createdAt = now.timestamp
        escalation.updatedAt = now.timestamp
        try EscalationsTable.insert(
            tx, key: key, region: region, quarter: quarter, first: first.key, last: last.key, kind: rung.rawValue,
            alertSequence: alert.sequence, body: try escalation.serializedBytes())
    }

    private func supervise(
        _ tx: WriteTransaction, _ alert: Assessment.Alert, _ found: Assessment.HighRiskCaseFound, raisedAt: Instant,
        now: Instant
    ) throws {
        let defaults = rules.supervision
        guard defaults.fromHighRiskCases, let assessment = found.assessment,
            assessment.riskLevel == .red || assessment.riskLevel == .unspecified,
            let caseKey = ResourceKind.case.parse(assessment.caseId)
        else { return }
        let opening = SupervisionOpening(
            kind: V1.SupervisionKind(rawValue: defaults.form.rawValue), caseId: assessment.caseId, caseKey: caseKey,
            regionId: assessment.regionId, ownerName: defaults.ownerName, ownerPosition: defaults.ownerPosition,
            plan: defaults.plan, dueAt: raisedAt.adding(seconds: defaults.dueDays * 86_400),
            reminderLeadSeconds: defaults.reminderLeadSeconds, alertSequence: alert.sequence,
            openedBy: ReferralRules.systemActor, openedFromAlert: alert.sequence)
        guard try opening.existing(tx) == nil, try SupervisionsTable.openedFrom(tx, alert: alert.sequence) == nil
        else { return }
        let supervision = try opening.open(tx, timeZone: timeZone, now: now)
        // Committed after this returns: the timer keeps the hint until it sees the row.
        if let next = supervision.schedule.nextAlarm { alarm.wake(at: next) }
    }
}
