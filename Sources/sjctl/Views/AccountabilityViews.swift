import Messages
import SJCtlKit
import SharedDomain

extension Views {
    static func referrals(_ referrals: [AccountabilityV1.Referral], zone: CityTimeZone) -> TextTable {
        var table = TextTable(
            ["ID", "STEP", "SOURCE", "AGENCY", "REGION", "DISPOSITION", "BATCH", "OPENED", "REASON"], maxWidths: [8: 40]
        )
        for referral in referrals {
            table.add([
                referral.id, referral.step.shortName, source(referral.source), referral.agencyId, referral.regionId,
                referral.disposition == .unspecified ? "—" : referral.disposition.shortName,
                Show.text(referral.batchId),
                Show.time(referral.steps.first?.occurredAt ?? referral.createdAt, zone: zone), referral.reason,
            ])
        }
        return table
    }

    static func source(_ source: AccountabilityV1.ReferralSource?) -> String {
        switch source?.origin {
        case .caseId(let id): "case \(id)"
        case .opinionId(let id): "opinion \(id)"
        case .alertSequence(let sequence): "alert #\(sequence)"
        case .manual(let manual): "by hand: \(manual.documentReference)"
        case nil: "—"
        }
    }

    static func escalations(_ escalations: [AccountabilityV1.Escalation]) -> TextTable {
        var table = TextTable(["ID", "KIND", "REGION", "NAME", "QUARTER", "LOSS RATE", "TIME", "STATUS", "CONVENER"])
        for escalation in escalations {
            table.add([
                escalation.id, escalation.kind.label, escalation.regionId, escalation.regionName,
                Show.period(escalation.quarter), Show.rate(escalation.lossRate), "\(escalation.occurrence)",
                escalation.status.shortName, escalation.convener,
            ])
        }
        return table
    }

    static func supervisions(_ supervisions: [AccountabilityV1.Supervision], zone: CityTimeZone) -> TextTable {
        var table = TextTable(["ID", "KIND", "CASE", "REGION", "OWNER", "DUE", "STATE", "UPDATES"], rightAligned: [7])
        for supervision in supervisions {
            table.add([
                supervision.id, supervision.kind.shortName, supervision.caseId, supervision.regionId,
                "\(supervision.ownerName) (\(supervision.ownerPosition))", Show.time(supervision.dueAt, zone: zone),
                supervision.state.shortName, "\(supervision.updates.count)",
            ])
        }
        return table
    }

    static func stats(_ stats: AccountabilityV1.AccountabilityStats) -> String {
        var lines = ["\(stats.regionId.isEmpty ? "the whole city" : stats.regionId), \(Show.period(stats.period))", ""]
        var table = TextTable(["", "COUNT"], rightAligned: [1])
        let rows: [(String, Int64)] = [
            ("clues referred (移送线索)", stats.cluesReferred),
            ("investigations started (组织开展调查)", stats.investigationsStarted),
            ("handling opinions proposed (提出处理意见)", stats.opinionsProposed),
            ("decisions executed (执行处理决定)", stats.decisionsExecuted),
            ("cases held accountable (实施责任追究)", stats.casesHeldAccountable),
            ("  of which units held accountable (单位追责)", stats.unitsHeldAccountable),
            ("  of which the unit only, no person named", stats.unitOnlyCases),
            ("persons handled, distinct (处理党员干部)", stats.personsHandled),
            ("escalations held (约谈 / 检讨)", stats.escalationsHeld),
            ("supervisions opened", stats.supervisionsOpened),
            ("supervisions closed out (销号)", stats.supervisionsClosed),
        ]
        for (name, count) in rows { table.add([name, "\(count)"]) }
        lines.append(table.render())
        if !stats.byDisposition.isEmpty {
            lines.append("")
            lines.append(
                "decisions by disposition: "
                    + stats.byDisposition.map { "\($0.disposition.label) \($0.count)" }.joined(separator: ", "))
        }
        if !stats.byCurrentStep.isEmpty {
            lines.append(
                "clues of the period by the step they stand at now: "
                    + stats.byCurrentStep.map { "\($0.step.shortName) \($0.count)" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}
