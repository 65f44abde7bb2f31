public import SharedDomain

/// Scores an open case as of a day (CaseRiskRules): every factor's points with the numbers that
/// earned them. Pure: the day and the history are passed in.
public struct CaseRiskScorer: Sendable {
    public let rules: CaseRiskRules
    /// False leaves the explanations empty: feed-time scoring needs only the points, and the
    /// words cost more than the arithmetic.
    public let explained: Bool
    /// Each factor's weight, by ``CaseRiskFactor`` raw value: a review scores every open case,
    /// and looking the weights up in the rules' dictionary was a sixth of each score.
    private let weights: [Double]

    public init(rules: CaseRiskRules, explained: Bool = true) {
        self.rules = rules
        self.explained = explained
        self.weights = CaseRiskFactor.allCases.map(rules.weight)
    }

    public func assess(_ facts: CaseRiskFacts, history: CaseRiskHistory, on day: CivilDate) -> CaseRisk {
        let cityRate = history.city.smoothed(toward: rules.priorLossRate, strength: rules.smoothingCases)
        return CaseRisk(
            factors: [
                agencyHistory(facts, history, cityRate: cityRate), categoryRate(facts, history, cityRate: cityRate),
                headAppearance(facts, on: day), mediation(facts, on: day), priorCorrection(facts, history),
                opinion(facts, on: day), timeOpen(facts, history, on: day), plaintiffs(facts),
            ], rules: rules)
    }

    private func factor(_ factor: CaseRiskFactor, intensity: Double, _ explanation: @autoclosure () -> String)
        -> CaseRisk.Factor
    {
        let weight = weights[factor.rawValue]
        let tenths = Int64((weight * min(max(intensity, 0), 1) * 10).rounded())
        return CaseRisk.Factor(
            factor: factor, weight: weight, pointsTenths: tenths, explanation: explained ? explanation() : "")
    }

    /// A loss-rate factor: the smoothed rate as a share of the full-points rate.
    private func rateFactor(
        _ which: CaseRiskFactor, tally: LossTally, cityRate: Double, subject: @autoclosure () -> String
    ) -> CaseRisk.Factor {
        let smoothed = tally.smoothed(toward: cityRate, strength: rules.smoothingCases)
        let intensity = rules.fullPointsLossRate > 0 ? smoothed / rules.fullPointsLossRate : 0
        return factor(
            which, intensity: intensity,
            rateExplanation(tally, smoothed: smoothed, cityRate: cityRate, subject: subject()))
    }

    private func rateExplanation(_ tally: LossTally, smoothed: Double, cityRate: Double, subject: String) -> String {
        let months = "近 \(rules.historyMonths) 个月"
        let city = RiskText.percent(cityRate)
        let record =
            tally.concluded > 0
            ? "\(subject)\(months)一审审结 \(tally.concluded) 件、败诉 \(tally.losses) 件 (\(RiskText.percent(tally.rate ?? 0)))，向全市 \(city) 平滑后 \(RiskText.percent(smoothed))"
            : "\(subject)\(months)无一审审结案件，按全市 \(city) 计"
        return "\(record)，\(RiskText.percent(rules.fullPointsLossRate)) 计满分"
    }

    private func agencyHistory(_ facts: CaseRiskFacts, _ history: CaseRiskHistory, cityRate: Double) -> CaseRisk.Factor
    {
        rateFactor(
            .agencyLossHistory, tally: history.agencies[facts.agencyKey] ?? LossTally(), cityRate: cityRate,
            subject: "该局")
    }

    private func categoryRate(_ facts: CaseRiskFacts, _ history: CaseRiskHistory, cityRate: Double) -> CaseRisk.Factor {
        rateFactor(
            .categoryLossRate, tally: history.categories[facts.category] ?? LossTally(), cityRate: cityRate,
            subject: "\(RiskText.category(facts.category))类案件全市")
    }

    private func headAppearance(_ facts: CaseRiskFacts, on day: CivilDate) -> CaseRisk.Factor {
        if let appeared = facts.headAppearedOn, appeared <= day {
            return factor(.noHeadAppearance, intensity: 0, "负责人已于 \(appeared) 出庭")
        }
        guard let known = facts.hearingKnownOn, known <= day, let hearing = facts.hearingOn else {
            return factor(.noHeadAppearance, intensity: 0, "尚未排期开庭")
        }
        let when = hearing >= day ? "已排期 \(hearing) 开庭" : "\(hearing) 已开庭"
        return factor(.noHeadAppearance, intensity: 1, "\(when)，未记录负责人出庭")
    }

    private func mediation(_ facts: CaseRiskFacts, on day: CivilDate) -> CaseRisk.Factor {
        if let failed = facts.mediationFailedOn, failed <= day {
            return factor(.mediationFailed, intensity: 1, "诉前调解于 \(failed) 结束，调解不成")
        }
        if let partial = facts.mediationPartialOn, partial <= day {
            return factor(.mediationFailed, intensity: 0.5, "诉前调解于 \(partial) 结束，仅部分化解（计半数）")
        }
        return factor(.mediationFailed, intensity: 0, "无调解不成的诉前调解")
    }

    /// The year before filing: a correction then says the agency's acts in the matter were shaky
    /// before this suit began, and the count for a case never changes once it is filed.
    private func priorCorrection(_ facts: CaseRiskFacts, _ history: CaseRiskHistory) -> CaseRisk.Factor {
        if !explained, history.corrections[facts.agencyKey]?.isEmpty ?? true {
            // Most agencies have none; the window's two dates below would be the cost of a zero.
            return factor(.priorReconsiderationCorrection, intensity: 0, "")
        }
        let last = facts.filedOn.adding(days: -1) ?? facts.filedOn
        let first = facts.filedOn.adding(days: -max(rules.correctionLookbackDays, 1)) ?? facts.filedOn
        let count = history.correctionCount(agency: facts.agencyKey, in: first...last)
        return factor(
            .priorReconsiderationCorrection, intensity: count > 0 ? 1 : 0,
            "该局立案前一年（\(first) 至 \(last)）" + (count > 0 ? "复议被纠错 \(count) 件" : "无复议纠错"))
    }

    private func opinion(_ facts: CaseRiskFacts, on day: CivilDate) -> CaseRisk.Factor {
        let known = facts.opinionsDetectedOn.filter { $0 <= day }
        guard let first = known.first else { return factor(.relatedOpinion, intensity: 0, "无关联舆情") }
        return factor(.relatedOpinion, intensity: 1, "关联舆情 \(known.count) 件，最早于 \(first) 发现")
    }

    /// Nothing up to the typical time, then in proportion up to twice it.
    private func timeOpen(_ facts: CaseRiskFacts, _ history: CaseRiskHistory, on day: CivilDate) -> CaseRisk.Factor {
        let days = facts.daysOpen(on: day)
        let times = history.conclusionTimes
        let typical = times.typicalDays
        let basis = {
            times.isObserved
                ? "通常用时 \(typical) 天（全市近 \(rules.historyMonths) 个月一审审结用时中位数）"
                : "通常用时 \(typical) 天（法定审限；近 \(rules.historyMonths) 个月审结不足 \(times.minimum) 件）"
        }
        guard days > typical else { return factor(.timeOpen, intensity: 0, "已立案 \(days) 天，未超过\(basis())") }
        let over = Double(days - typical) / Double(typical)
        return factor(.timeOpen, intensity: over, "已立案 \(days) 天，比\(basis())多 \(RiskText.percent(over))（多出一倍计满分）")
    }

    private func plaintiffs(_ facts: CaseRiskFacts) -> CaseRisk.Factor {
        let count = max(facts.plaintiffCount, 1)
        let full = max(rules.fullPointsPlaintiffs, 2)
        let intensity = Double(count - 1) / Double(full - 1)
        return factor(.multiplePlaintiffs, intensity: intensity, "原告 \(count) 人（\(full) 人及以上计满分）")
    }
}
