import Assessment
import SharedDomain
import Testing

@Suite struct CaseRiskScorerTests {
    static let day = CivilDate.on(2024, 7, 1)
    static let rules = CaseRiskRules()

    /// A 2024-03-01 penalty case of agency 7 in region 2, with nothing else known.
    static func facts(
        filedOn: CivilDate = .on(2024, 3, 1), plaintiffs: Int32 = 1, hearingOn: CivilDate? = nil,
        hearingKnownOn: CivilDate? = nil, headAppearedOn: CivilDate? = nil, mediationFailedOn: CivilDate? = nil,
        mediationPartialOn: CivilDate? = nil, opinions: [CivilDate] = []
    ) -> CaseRiskFacts {
        CaseRiskFacts(
            caseKey: 1, docketNumber: "(2024)苏13行初1号", regionKey: 2, agencyKey: 7, category: 1, filedOn: filedOn,
            plaintiffCount: plaintiffs, hearingOn: hearingOn, hearingKnownOn: hearingKnownOn,
            headAppearedOn: headAppearedOn,
            mediationFailedOn: mediationFailedOn, mediationPartialOn: mediationPartialOn, opinionsDetectedOn: opinions)
    }

    /// The city at 8 % (80 of 1000), agency 7 at 3 of 20, penalties at 12 of 150; cases took 100
    /// days (typical time 100).
    static func history(corrections: [CivilDate] = []) -> CaseRiskHistory {
        CaseRiskHistory(
            window: CaseRiskHistory.window(before: day, months: 12), city: LossTally(concluded: 1000, losses: 80),
            agencies: [7: LossTally(concluded: 20, losses: 3)], categories: [1: LossTally(concluded: 150, losses: 12)],
            conclusionTimes: ConclusionTimes(Array(repeating: 100, count: 30)), corrections: [7: corrections])
    }

    static func factor(_ risk: CaseRisk, _ which: CaseRiskFactor) -> CaseRisk.Factor {
        risk.factors.first { $0.factor == which }!
    }

    static func assess(_ facts: CaseRiskFacts, history: CaseRiskHistory = history(), on day: CivilDate = day)
        -> CaseRisk
    {
        CaseRiskScorer(rules: rules).assess(facts, history: history, on: day)
    }

    @Test func theHistoryWindowIsTheTwelveWholeMonthsBeforeTheAssessmentMonth() {
        let window = CaseRiskHistory.window(before: .on(2024, 7, 15), months: 12)
        #expect(window == CivilDate.on(2023, 7, 1)...CivilDate.on(2024, 6, 30))
        #expect(
            CaseRiskHistory.window(before: .on(2024, 1, 1), months: 12) == CivilDate.on(
                2023, 1, 1)...CivilDate.on(2023, 12, 31))
    }

    /// (3 + 10 × 8 %) / (20 + 10) = 12.67 %, which is 63 % of the 20 % full-points line: 12.7 of 20.
    @Test func theAgencysRecordIsSmoothedTowardTheCityRateAndExplainedWithItsNumbers() {
        let agency = Self.factor(Self.assess(Self.facts()), .agencyLossHistory)
        #expect(agency.weight == 20)
        #expect(agency.pointsTenths == 127)
        #expect(agency.explanation == "该局近 12 个月一审审结 20 件、败诉 3 件 (15.0%)，向全市 8.0% 平滑后 12.7%，20.0% 计满分")
    }

    @Test func anAgencyWithNoConcludedCaseIsScoredAtTheCityRate() {
        var history = Self.history()
        history.agencies = [:]
        let agency = Self.factor(Self.assess(Self.facts(), history: history), .agencyLossHistory)
        #expect(agency.pointsTenths == 80)
        #expect(agency.explanation == "该局近 12 个月无一审审结案件，按全市 8.0% 计，20.0% 计满分")
    }

    /// (12 + 0.8) / 160 = 8 %: 40 % of 15 points.
    @Test func theCategorysCityWideRateScoresTheSameWay() {
        let category = Self.factor(Self.assess(Self.facts()), .categoryLossRate)
        #expect(category.pointsTenths == 60)
        #expect(category.explanation == "行政处罚类案件全市近 12 个月一审审结 150 件、败诉 12 件 (8.0%)，向全市 8.0% 平滑后 8.0%，20.0% 计满分")
    }

    @Test func aScheduledHearingWithNoHeadAppearanceEarnsTheFullWeight() {
        let upcoming = Self.factor(
            Self.assess(Self.facts(hearingOn: .on(2024, 7, 20), hearingKnownOn: .on(2024, 6, 10))), .noHeadAppearance)
        #expect(upcoming.pointsTenths == 150)
        #expect(upcoming.explanation == "已排期 2024-07-20 开庭，未记录负责人出庭")
        let held = Self.factor(Self.assess(Self.facts(hearingOn: .on(2024, 6, 20))), .noHeadAppearance)
        #expect(held.pointsTenths == 150)
        #expect(held.explanation == "2024-06-20 已开庭，未记录负责人出庭")
    }

    @Test func aHeadAppearanceOrAHearingNotYetKnownEarnsNothing() {
        let appeared = Self.factor(
            Self.assess(Self.facts(hearingOn: .on(2024, 6, 20), headAppearedOn: .on(2024, 6, 20))), .noHeadAppearance)
        #expect(appeared.pointsTenths == 0)
        #expect(appeared.explanation == "负责人已于 2024-06-20 出庭")
        let notYet = Self.factor(
            Self.assess(Self.facts(hearingOn: .on(2024, 8, 20), hearingKnownOn: .on(2024, 7, 10))), .noHeadAppearance)
        #expect(notYet.pointsTenths == 0)
        #expect(notYet.explanation == "尚未排期开庭")
    }

    @Test func failedMediationEarnsTheFullWeightAndPartlyResolvedHalf() {
        let failed = Self.factor(Self.assess(Self.facts(mediationFailedOn: .on(2024, 4, 1))), .mediationFailed)
        #expect(failed.pointsTenths == 100)
        #expect(failed.explanation == "诉前调解于 2024-04-01 结束，调解不成")
        let partial = Self.factor(Self.assess(Self.facts(mediationPartialOn: .on(2024, 4, 1))), .mediationFailed)
        #expect(partial.pointsTenths == 50)
        let later = Self.factor(Self.assess(Self.facts(mediationFailedOn: .on(2024, 8, 1))), .mediationFailed)
        #expect(later.pointsTenths == 0)
    }

    /// Filed 2024-03-01: corrections from 2023-03-02 to 2024-02-29 count, one on the filing day
    /// or a year and a day before does not.
    @Test func aReconsiderationCorrectionInTheYearBeforeFilingCounts() {
        let inside = Self.factor(
            Self.assess(Self.facts(), history: Self.history(corrections: [.on(2023, 3, 2), .on(2024, 2, 29)])),
            .priorReconsiderationCorrection)
        #expect(inside.pointsTenths == 100)
        #expect(inside.explanation == "该局立案前一年（2023-03-02 至 2024-02-29）复议被纠错 2 件")
        let outside = Self.factor(
            Self.assess(Self.facts(), history: Self.history(corrections: [.on(2023, 3, 1), .on(2024, 3, 1)])),
            .priorReconsiderationCorrection)
        #expect(outside.pointsTenths == 0)
        #expect(outside.explanation == "该局立案前一年（2023-03-02 至 2024-02-29）无复议纠错")
    }

    @Test func aRelatedOpinionCountsFromTheDayItWasDetected() {
        let facts = Self.facts(opinions: [.on(2024, 8, 2), .on(2024, 5, 3)])
        let opinion = Self.factor(Self.assess(facts), .relatedOpinion)
        #expect(opinion.pointsTenths == 150)
        #expect(opinion.explanation == "关联舆情 1 件，最早于 2024-05-03 发现")
        #expect(Self.factor(Self.assess(facts, on: .on(2024, 5, 2)), .relatedOpinion).pointsTenths == 0)
    }

    /// 2024-03-01 to 2024-07-01 is 122 days, 22 % over the typical 100: 2.2 of 10.
    @Test func timeOpenEarnsPointsInProportionBeyondTheTypicalTime() {
        let open = Self.factor(Self.assess(Self.facts()), .timeOpen)
        #expect(open.pointsTenths == 22)
        #expect(open.explanation == "已立案 122 天，比通常用时 100 天（全市近 12 个月一审审结用时中位数）多 22.0%（多出一倍计满分）")
        let young = Self.factor(Self.assess(Self.facts(filedOn: .on(2024, 5, 1))), .timeOpen)
        #expect(young.pointsTenths == 0)
        #expect(young.explanation == "已立案 61 天，未超过通常用时 100 天（全市近 12 个月一审审结用时中位数）")
        let old = Self.factor(Self.assess(Self.facts(filedOn: .on(2023, 1, 1))), .timeOpen)
        #expect(old.pointsTenths == 100)
    }

    @Test func withFewConclusionsTheTypicalTimeIsTheStatutorySixMonths() {
        var history = Self.history()
        history.conclusionTimes = ConclusionTimes([30, 40], fallbackDays: 180, minimum: 20)
        let open = Self.factor(Self.assess(Self.facts(filedOn: .on(2023, 10, 1)), history: history), .timeOpen)
        #expect(open.explanation == "已立案 274 天，比通常用时 180 天（法定审限；近 12 个月审结不足 20 件）多 52.2%（多出一倍计满分）")
        #expect(open.pointsTenths == 52)
    }

    @Test func moreThanOnePlaintiffEarnsAQuarterOfTheWeightEach() {
        #expect(Self.factor(Self.assess(Self.facts(plaintiffs: 3)), .multiplePlaintiffs).pointsTenths == 25)
        #expect(Self.factor(Self.assess(Self.facts(plaintiffs: 30)), .multiplePlaintiffs).pointsTenths == 50)
        #expect(
            Self.factor(Self.assess(Self.facts(plaintiffs: 1)), .multiplePlaintiffs).explanation == "原告 1 人（5 人及以上计满分）")
    }

    @Test func theScoreIsTheSumOfEveryFactorListedLargestFirst() {
        let risk = Self.assess(Self.facts(hearingOn: .on(2024, 6, 20), mediationFailedOn: .on(2024, 4, 1)))
        #expect(risk.factors.count == CaseRiskFactor.allCases.count)
        #expect(risk.scoreTenths == risk.factors.reduce(0) { $0 + $1.pointsTenths })
        // 15 + 12.7 + 10 + 6 + 2.2 = 45.9.
        #expect(risk.score == 45.9)
        #expect(
            risk.factors.map(\.factor.name).prefix(5) == [
                "no_head_appearance", "agency_loss_history", "mediation_failed", "category_loss_rate", "time_open",
            ])
        #expect(risk.factors.map(\.pointsTenths) == risk.factors.map(\.pointsTenths).sorted(by: >))
        #expect(risk.level == .yellow)
    }

    @Test func levelsComeFromTheThresholdsAtOrAbove() {
        let rules = CaseRiskRules(redThreshold: 50, yellowThreshold: 35)
        #expect(rules.level(scoreTenths: 500) == .red)
        #expect(rules.level(scoreTenths: 499) == .yellow)
        #expect(rules.level(scoreTenths: 350) == .yellow)
        #expect(rules.level(scoreTenths: 349) == .green)
        #expect(CaseRiskRules(redThreshold: 33.3, yellowThreshold: 20).level(scoreTenths: 333) == .red)
    }

    @Test func aCaseIsOpenOnTheDayItConcludesAndNotAfter() {
        var facts = Self.facts()
        facts.concludedOn = .on(2024, 7, 1)
        #expect(facts.isOpen(on: .on(2024, 7, 1)))
        #expect(!facts.isOpen(on: .on(2024, 7, 2)))
        #expect(!facts.isOpen(on: .on(2024, 2, 29)))
    }
}
