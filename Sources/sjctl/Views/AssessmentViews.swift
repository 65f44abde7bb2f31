import Messages
import SJCtlKit
import SharedDomain

extension Views {
    static func indicators(_ response: AssessmentV1.GetIndicatorsResponse, zone: CityTimeZone) -> String {
        let now = Show.period(response.period)
        let before = Show.period(response.yearEarlierPeriod)
        let current = response.current ?? AssessmentV1.Indicators()
        let earlier = response.yearEarlier ?? AssessmentV1.Indicators()
        var table = TextTable(["INDICATOR", now, before])
        let rows: [(String, (AssessmentV1.Indicators) -> String)] = [
            ("loss rate, \(current.lossRateFormula.shortName) (败诉率)", { Show.rate($0.lossRate) }),
            ("case volume (发案量)", { "\($0.caseVolume)" }),
            ("reconsideration volume (复议收案量)", { "\($0.reconsiderationVolume)" }),
            ("correction rate, direct (直接纠错率)", { Show.rate($0.correctionRate) }),
            ("correction rate, comprehensive (综合纠错率)", { Show.rate($0.comprehensiveCorrectionRate) }),
            ("head appearance rate (出庭率)", { Show.rate($0.appearanceRate) }),
            ("speak rate (出声率)", { Show.rate($0.speakRate) }),
            ("mediation and withdrawal rate (调撤率)", { Show.rate($0.mediationWithdrawalRate) }),
            ("appeal rate (上诉率)", { Show.rate($0.appealRate) }),
            ("withdrawn after the agency changed its act", { "\($0.withdrawnAfterChangeCount)" }),
            ("outcomes revised after conclusion", { "\($0.revisedCount)" }),
        ]
        for (name, value) in rows { table.add([name, value(current), value(earlier)]) }
        var lines = [
            "\(Show.scope(response.scope)), \(now) (\(Show.date(response.period?.firstDay))..\(Show.date(response.period?.lastDay))), against \(before)",
            "",
        ]
        lines.append(table.render())
        lines.append("")
        if let verdict = response.doubleDecline {
            lines.append(
                "double decline: \(verdict.verdict.label)"
                    + (verdict.explanation.isEmpty ? "" : " — \(verdict.explanation)"))
        }
        lines.append(
            "reflects intake's feed up to #\(response.intakeSequence), computed \(Show.time(response.computedAt, zone: zone))"
        )
        return lines.joined(separator: "\n")
    }

    static func ranking(_ entries: [AssessmentV1.RankedUnit]) -> TextTable {
        var table = TextTable(["RANK", "UNIT", "NAME", "VALUE"], rightAligned: [0])
        for entry in entries {
            let value: String
            switch entry.measure {
            case .rate(let rate): value = Show.rate(rate)
            case .count(let count): value = "\(count)"
            case nil: value = "—"
            }
            table.add([entry.rank == 0 ? "—" : "\(entry.rank)", Show.scope(entry.unit), entry.unitName, value])
        }
        return table
    }

    static func warnings(_ warnings: [AssessmentV1.Warning]) -> TextTable {
        var table = TextTable(
            ["LEVEL", "UNIT", "NAME", "PERIOD", "LOSS RATE", "CITY RATE", "PEER MEDIAN", "WHY"], maxWidths: [7: 60])
        for warning in warnings {
            table.add([
                warning.level.shortName, Show.scope(warning.unit), warning.unitName, Show.period(warning.period),
                Show.rate(warning.lossRate), Show.rate(warning.cityLossRate), Show.percent(warning.peerMedian),
                warning.triggers.first?.explanation ?? "—",
            ])
        }
        return table
    }

    static func caseAssessment(_ assessment: AssessmentV1.CaseAssessment, zone: CityTimeZone) -> String {
        var lines = [
            "\(assessment.caseId) \(assessment.docketNumber): \(assessment.riskLevel.label), score \(number(assessment.score)) "
                + "(red at \(number(assessment.redThreshold)), yellow at \(number(assessment.yellowThreshold)))",
            "region \(assessment.regionId), agency \(assessment.defendantAgencyId), case version \(assessment.caseVersion), "
                + "assessed \(Show.time(assessment.assessedAt, zone: zone)) from intake's feed up to #\(assessment.intakeSequence)",
            "",
        ]
        var table = TextTable(["FACTOR", "POINTS", "WEIGHT", "WHY"], rightAligned: [1, 2])
        for factor in assessment.factors {
            table.add([
                factor.label.isEmpty ? factor.name : "\(factor.name) (\(factor.label))", number(factor.points),
                number(factor.weight), factor.explanation,
            ])
        }
        lines.append(table.render())
        return lines.joined(separator: "\n")
    }

    static func highRisk(_ cases: [AssessmentV1.CaseAssessment]) -> TextTable {
        var table = TextTable(
            ["LEVEL", "SCORE", "CASE", "DOCKET", "REGION", "AGENCY", "TOP FACTOR"], rightAligned: [1],
            maxWidths: [6: 50])
        for item in cases {
            let top = item.factors.first { $0.points > 0 }
            table.add([
                item.riskLevel.shortName, number(item.score), item.caseId, item.docketNumber, item.regionId,
                item.defendantAgencyId, top.map { $0.explanation.isEmpty ? $0.name : $0.explanation } ?? "—",
            ])
        }
        return table
    }

    static func compliance(_ response: AssessmentV1.GetOpinionComplianceResponse) -> String {
        let kinds: [CommonV1.OpinionDeadlineKind] = [.reportUp, .firstStatement, .inquiriesAccepted, .formalResponse]
        var table = TextTable(["DEPARTMENT", "NAME", "OVERALL"] + kinds.map { $0.shortName.uppercased() })
        func cells(_ deadlines: [AssessmentV1.DeadlineCompliance]) -> [String] {
            kinds.map { kind in
                guard let entry = deadlines.first(where: { $0.kind == kind }) else { return "—" }
                return Show.rate(entry.onTimeRate) + (entry.pending > 0 ? " +\(entry.pending) pending" : "")
            }
        }
        for department in response.departments {
            table.add(
                [department.departmentAgencyId, department.departmentName, Show.rate(department.overallOnTimeRate)]
                    + cells(department.deadlines))
        }
        var met: Int64 = 0
        var decided: Int64 = 0
        for total in response.totals {
            met += total.met
            decided += total.met + total.missed
        }
        table.add(["all", "", Show.rate(met, decided)] + cells(response.totals))
        return
            "\(Show.period(response.period)): on time ÷ (on time + missed); pending deadlines are left out until they resolve\n\n"
            + table.render() + "\n\nreflects intake's feed up to #\(response.intakeSequence)"
    }

    static func alerts(_ alerts: [AssessmentV1.Alert], zone: CityTimeZone) -> TextTable {
        var table = TextTable(
            ["SEQ", "CREATED", "KIND", "SUBJECT", "PERIOD", "DETAIL"], rightAligned: [0], maxWidths: [5: 70])
        for alert in alerts {
            table.add([
                "\(alert.sequence)", Show.time(alert.createdAt, zone: zone), alert.kind.shortName,
                subject(alert.subject),
                Show.period(alert.period), alertDetail(alert, zone: zone),
            ])
        }
        return table
    }

    /// One line per alert for `sjctl watch alerts`.
    static func alertLine(_ alert: AssessmentV1.Alert, zone: CityTimeZone) -> String {
        "#\(alert.sequence)  \(Show.time(alert.createdAt, zone: zone))  \(alert.kind.shortName)  \(subject(alert.subject))  "
            + "\(Show.period(alert.period))  \(alertDetail(alert, zone: zone))"
    }

    static func subject(_ subject: AssessmentV1.AlertSubject?) -> String {
        guard let subject else { return "—" }
        let id: String
        switch subject.target {
        case .regionId(let value): id = value
        case .agencyId(let value): id = value
        case .caseId(let value): id = value
        case .opinionId(let value): id = value
        case nil: id = ""
        }
        if subject.displayName.isEmpty { return Show.text(id) }
        return id.isEmpty ? subject.displayName : "\(id) \(TextWidth.truncate(subject.displayName, to: 30))"
    }

    /// The figures that make the alert, in a few words.
    static func alertDetail(_ alert: AssessmentV1.Alert, zone: CityTimeZone) -> String {
        switch alert.details {
        case .lossRateThresholdCrossed(let crossed):
            return
                "loss rate \(Show.rate(crossed.lossRate)) over \(Fraction(crossed.thresholdNumerator, crossed.thresholdDenominator)?.percent() ?? Show.percent(crossed.threshold)), "
                + "crossing \(crossed.occurrence) → \(crossed.escalation.label)"
        case .redWarning(let raised):
            let why = raised.warning?.triggers.first?.explanation ?? ""
            return "red warning, loss rate \(Show.rate(raised.warning?.lossRate))" + (why.isEmpty ? "" : ": \(why)")
        case .opinionDeadlineMissed(let missed):
            return "\(missed.opinionId) \(missed.deadline.label) missed, due \(Show.time(missed.dueAt, zone: zone))"
        case .highRiskCase(let found):
            return "risk \(found.assessment?.riskLevel.shortName ?? "—"), score \(number(found.assessment?.score ?? 0))"
        case .caseLost(let lost):
            return "\(lost.docketNumber) lost: \(lost.outcome.label), concluded \(Show.date(lost.concludedOn))"
        case .projectedCrossing(let projected):
            return
                "projected \(Show.percent(projected.projectedRate)) (\(Show.percent(projected.low))–\(Show.percent(projected.high))) "
                + "for \(Show.period(projected.quarter)) over \(Show.percent(projected.threshold))"
        case .opinionDeadlineMissedWithdrawn(let withdrawn):
            return
                "withdraws #\(withdrawn.withdrawnSequence): \(withdrawn.opinionId) \(withdrawn.deadline.shortName) was met at \(Show.time(withdrawn.metAt, zone: zone))"
        case nil:
            return "—"
        }
    }

    /// A score or weight: whole numbers without ".0", others to one decimal.
    static func number(_ value: Double) -> String {
        if value == value.rounded() { return "\(Int64(value))" }
        let tenths = (value * 10).rounded()
        return "\(Int64(tenths) / 10).\(abs(Int64(tenths) % 10))"
    }
}
