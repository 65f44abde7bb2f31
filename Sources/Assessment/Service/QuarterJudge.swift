internal import Messages
internal import ServiceKit
internal import SharedDomain
internal import Storage

/// Judges closed quarters, in quarter order, each once: a region whose quarterly loss rate crosses
/// the line gets a LOSS_RATE_THRESHOLD_CROSSED alert numbered within its counting window, and a
/// unit whose warning is RED gets a RED_WARNING alert.
///
/// When: a quarter is judged at the first point in intake's feed (between two changes, or after the
/// last one once caught up) where feed time has passed the quarter's judging moment (its end plus
/// the grace period) and either that moment fell inside the gap (the quarter closed while the feed
/// was live) or the gap was quiet for the settle period (history loaded after the fact: judged once
/// the burst is in). Both depend only on the feed's commit times, so a replay judges the same
/// quarters on the same data.
struct QuarterJudge {
    typealias V1 = Shuangjiang.Assessment.V1

    let rules: AssessmentRules
    let timeZone: CityTimeZone

    /// - Parameters:
    ///   - previous: commit time (ms) of the last change applied; nil before the first.
    ///   - now: commit time of the change about to be applied, or the wall clock once caught up.
    func judge(_ tx: WriteTransaction, previous: Int64?, now: Int64) throws {
        guard let previous else { return }
        guard var quarter = try nextQuarter(tx, earliestConclusion: nil) else { return }
        var judgedAny = false
        while let from = rules.escalation.judgedFrom(quarter) {
            let moment = timeZone.start(of: from).milliseconds
            guard isDue(moment, previous: previous, now: now) else { break }
            try judgeQuarter(tx, quarter)
            judgedAny = true
            guard let next = quarter.next else { break }
            quarter = next
        }
        if judgedAny {
            try tx.execute(
                """
                INSERT INTO judging (id, next_quarter) VALUES (1, ?)
                ON CONFLICT (id) DO UPDATE SET next_quarter = excluded.next_quarter
                """, Self.code(quarter))
        }
    }

    /// When the next quarter becomes judgeable (ms), given the earliest conclusion known (which
    /// starts the calendar before anything was judged); nil while there is nothing to judge.
    func nextMoment(_ tx: WriteTransaction, earliestConclusion: CivilDate?) throws -> Int64? {
        guard let quarter = try nextQuarter(tx, earliestConclusion: earliestConclusion) else { return nil }
        return rules.escalation.judgedFrom(quarter).map { timeZone.start(of: $0).milliseconds }
    }

    /// Whether a moment is judged between a change committed at `previous` and one at `now`: it
    /// fell inside the gap, or the gap was quiet for the settle period.
    func isDue(_ moment: Int64, previous: Int64, now: Int64) -> Bool {
        now >= moment && (previous < moment || now - previous >= rules.settleSeconds * 1000)
    }

    /// The quarter to judge next: as recorded, or the quarter of the earliest conclusion (`known`,
    /// or read from the cases when not given).
    private func nextQuarter(_ tx: WriteTransaction, earliestConclusion known: CivilDate?) throws -> CalendarPeriod? {
        if let code = try tx.fetchValue(Int64.self, "SELECT next_quarter FROM judging WHERE id = 1") {
            return .quarter(year: Int32(code / 10), quarter: Int32(code % 10))
        }
        guard let earliest = try known ?? Self.earliestConclusion(tx) else { return nil }
        return .quarter(containing: earliest)
    }

    /// The earliest conclusion of a first-instance litigation case. The partial index's condition
    /// is spelled out so SQLite walks the conclusion index and stops at the first row.
    static func earliestConclusion(_ tx: some Transaction) throws -> CivilDate? {
        try tx.fetchValue(
            Int64.self,
            "SELECT min(concluded_on) FROM cases WHERE concluded_on IS NOT NULL AND kind = 1 AND first_instance = 1"
        ).flatMap { CivilDate(key: Int32($0)) }
    }

    static func code(_ quarter: CalendarPeriod) -> Int64 {
        guard case .quarter(let year, let index) = quarter else { return 0 }
        return Int64(year) * 10 + Int64(index)
    }

    private func judgeQuarter(_ tx: WriteTransaction, _ quarter: CalendarPeriod) throws {
        let code = Self.code(quarter)
        let window = rules.escalation.window(of: quarter)
        let windowStart = Self.code(.quarter(containing: window.days.lowerBound))
        let regions = try tx.fetchAll("SELECT id, name FROM regions WHERE kind <> 1 ORDER BY id").map {
            (key: try $0.get(0, as: Int64.self), name: try $0.get(1, as: String.self))
        }
        let counts = try CountsTable.sumByScope(tx, kind: 1, days: quarter.days)
        let threshold = rules.escalation.threshold.reduced
        for region in regions {
            let rate = rules.lossRateFormula.rate(counts[region.key] ?? Counts())
            guard rules.escalation.crosses(losses: rate.numerator, concluded: rate.denominator) else { continue }
            let earlier =
                try tx.fetchValue(
                    Int64.self, "SELECT count(*) FROM crossings WHERE region_id = ? AND quarter >= ? AND quarter < ?",
                    region.key, windowStart, code) ?? 0
            let occurrence = Int(earlier) + 1
            let regionId = ResourceKind.region.format(region.key)
            var details = V1.LossRateThresholdCrossed()
            details.regionId = regionId
            details.lossRate = rate.message
            details.threshold = threshold.value
            details.thresholdNumerator = threshold.numerator
            details.thresholdDenominator = threshold.denominator
            details.occurrence = Int32(occurrence)
            details.countingWindow = Shuangjiang.Common.V1.Period(window)
            details.escalation =
                rules.escalation.rung(forOccurrence: occurrence) == .interview ? .interview : .selfCriticism
            var alert = V1.Alert()
            alert.kind = .lossRateThresholdCrossed
            alert.subject = .region(regionId, name: region.name)
            alert.details = .lossRateThresholdCrossed(details)
            guard
                let sequence = try AlertLog.raise(
                    tx, key: "loss_rate/\(regionId)/\(quarter)", alert, regionKey: region.key, period: quarter)
            else { continue }
            try tx.execute(
                "INSERT INTO crossings (region_id, quarter, occurrence, alert_sequence) VALUES (?, ?, ?, ?)",
                region.key,
                code, Int64(occurrence), sequence)
        }
        let warnings = try UnitWarnings(tx, period: quarter, formula: rules.lossRateFormula, rules: rules.warnings)
        for unit in warnings.units where unit.assessment.level == .red {
            var raised = V1.RedWarningRaised()
            raised.warning = unit.message(period: quarter, cityRate: warnings.cityRate)
            var alert = V1.Alert()
            alert.kind = .redWarning
            alert.subject = unit.subject
            alert.details = .redWarning(raised)
            try AlertLog.raise(
                tx, key: "red_warning/\(unit.id)/\(quarter)", alert, regionKey: unit.regionKey, period: quarter)
        }
    }
}
