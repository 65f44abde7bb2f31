import SharedDomain
import Testing

@testable import Assessment

@Suite struct IndicatorDomainTests {
    static let day = CivilDate(year: 2022, month: 5, day: 10)!
    static let later = CivilDate(year: 2022, month: 8, day: 2)!

    func facts(_ outcome: Outcome?, concluded: Bool = true) -> CaseFacts {
        CaseFacts(
            kind: .litigation, isFirstInstance: true, regionKey: 2, agencyKey: 3, filedOn: Self.day,
            concludedOn: concluded ? Self.later : nil, outcome: outcome)
    }

    func sum(_ cases: [CaseFacts]) -> Counts {
        cases.flatMap(\.contribution).reduce(Counts()) { $0 + $1.counts }
    }

    @Test func aFiledCaseCountsOnItsFilingDayAndAConclusionOnItsDay() {
        let contribution = facts(.revoked).contribution
        #expect(contribution.map(\.day) == [Self.day, Self.later])
        #expect(contribution[0].counts[.litigationFiled] == 1)
        #expect(contribution[1].counts[.concluded] == 1 && contribution[1].counts[.losses] == 1)
    }

    @Test func aSecondInstanceRecordCountsNothingOfItsOwn() {
        var record = facts(.revoked)
        record.isFirstInstance = false
        #expect(record.contribution.isEmpty)
    }

    /// The three formulas on one set of cases: 3 losses, 1 withdrawal after change, 2 claims
    /// dismissed, 4 procedural endings, of 10 concluded.
    @Test func theThreeLossRateFormulas() {
        let outcomes: [Outcome] = [
            .revoked, .confirmedIllegal, .orderedToPay, .withdrawnAfterChange, .claimDismissed, .claimDismissed,
            .suitDismissed, .withdrawn, .mediated, .terminated,
        ]
        let counts = sum(outcomes.map { facts($0) })
        #expect(LossRateFormula.concluded.rate(counts) == Rate(3, 10, formula: "loss_rate.concluded"))
        #expect(LossRateFormula.merits.rate(counts) == Rate(3, 5, formula: "loss_rate.merits"))
        #expect(LossRateFormula.plaintiffWin.rate(counts) == Rate(4, 10, formula: "loss_rate.plaintiff_win"))
        let figures = IndicatorFigures(counts: counts, lossRateFormula: .concluded)
        #expect(figures.mediationWithdrawalRate.numerator == 3)
        #expect(figures.withdrawnAfterChangeCount == 1)
    }

    @Test func appearanceAndSpeakRatesAreTakenOverHearings() {
        var heard = facts(.claimDismissed)
        heard.hearingScheduled = true
        heard.headAppeared = true
        heard.headSpoke = true
        var silent = heard
        silent.headSpoke = false
        var absent = heard
        absent.headAppeared = false
        let figures = IndicatorFigures(
            counts: sum([heard, silent, absent, facts(.withdrawn)]), lossRateFormula: .concluded)
        #expect(figures.appearanceRate == Rate(2, 3, formula: "appearance_rate"))
        #expect(figures.speakRate == Rate(1, 2, formula: "speak_rate"))
    }

    @Test func comprehensiveCorrectionCountsSelfCorrectionThenWithdrawal() {
        func reconsideration(_ outcome: Outcome, selfCorrected: Bool = false) -> CaseFacts {
            CaseFacts(
                kind: .reconsideration, isFirstInstance: true, regionKey: 2, agencyKey: 3, filedOn: Self.day,
                concludedOn: Self.later, outcome: outcome, selfCorrected: selfCorrected)
        }
        let figures = IndicatorFigures(
            counts: sum([
                reconsideration(.revoked), reconsideration(.withdrawn, selfCorrected: true), reconsideration(.upheld),
                reconsideration(.withdrawn),
            ]), lossRateFormula: .concluded)
        #expect(figures.reconsiderationVolume == 4)
        #expect(figures.correctionRate == Rate(1, 4, formula: "correction_rate.direct"))
        #expect(figures.comprehensiveCorrectionRate == Rate(2, 4, formula: "correction_rate.comprehensive"))
    }

    @Test func aRevisedOutcomeIsItsNewContributionMinusItsOld() {
        let before = facts(.revoked)
        var after = before
        after.outcome = .claimDismissed
        let delta = sum([after]) - sum([before])
        #expect(delta[.losses] == -1)
        #expect(delta[.merits] == 0)
        #expect(delta[.concluded] == 0)
    }

    @Test func doubleDeclineNeedsBothToFallStrictly() {
        func figures(volume: Int64, losses: Int64, concluded: Int64) -> IndicatorFigures {
            var counts = Counts()
            counts[.litigationFiled] = volume
            counts[.losses] = losses
            counts[.concluded] = concluded
            return IndicatorFigures(counts: counts, lossRateFormula: .concluded)
        }
        let achieved = DoubleDecline(
            current: figures(volume: 98, losses: 9, concluded: 200),
            yearEarlier: figures(volume: 120, losses: 15, concluded: 200))
        #expect(achieved.verdict == .achieved)
        #expect(achieved.explanation == "发案量 120→98，败诉率 7.5%→4.5%，实现双下降")
        // 3/40 and 6/80 are the same rate: not a decline.
        let flat = DoubleDecline(
            current: figures(volume: 98, losses: 6, concluded: 80),
            yearEarlier: figures(volume: 120, losses: 3, concluded: 40))
        #expect(flat.verdict == .notAchieved && !flat.lossRateDeclined && flat.volumeDeclined)
        let undetermined = DoubleDecline(
            current: figures(volume: 5, losses: 0, concluded: 0),
            yearEarlier: figures(volume: 6, losses: 1, concluded: 9))
        #expect(undetermined.verdict == .undetermined)
    }

    @Test func rankingSharesRanksOnTiesAndListsThinUnitsUnranked() {
        let entries: [Ranking.Entry<String>] = [
            .init(unit: "a", name: "A", value: Fraction(1, 10), denominator: 10),
            .init(unit: "b", name: "B", value: Fraction(2, 20), denominator: 20),
            .init(unit: "c", name: "C", value: Fraction(0, 10), denominator: 10),
            .init(unit: "d", name: "D", value: Fraction(3, 10), denominator: 10),
            .init(unit: "e", name: "E", value: Fraction(1, 2), denominator: 2),
            .init(unit: "f", name: "F", value: nil, denominator: 0),
        ]
        let ranked = Ranking.rank(entries, ascending: true, minDenominator: 5)
        #expect(ranked.map(\.rank) == [1, 2, 2, 4, 0, 0])
        #expect(ranked.map(\.entry.unit) == ["c", "a", "b", "d", "e", "f"])
    }

    @Test func warningsFollowTheDefaultRulesExactly() {
        let rules = WarningRules()
        let city = Fraction(6, 100)
        // Exactly 10% is not above the line.
        #expect(
            rules.assess(unit: Fraction(10, 100), city: city, peerMedian: Fraction(8, 100), periodLabel: "季度").level
                == .yellow)
        let red = rules.assess(unit: Fraction(1, 8), city: city, peerMedian: Fraction(5, 100), periodLabel: "季度")
        #expect(red.level == .red)
        #expect(red.triggers.map(\.rule) == [.lossRateThreshold, .peerMedianMargin, .aboveCityRate])
        #expect(red.triggers[0].explanation == "季度败诉率 12.5% 高于 10% 约谈线")
        #expect(rules.assess(unit: Fraction(5, 100), city: city, peerMedian: nil, periodLabel: "季度").level == .green)
        #expect(rules.assess(unit: nil, city: city, peerMedian: nil, periodLabel: "季度").triggers.isEmpty)
    }

    @Test func theMedianOfAnEvenCountIsExact() {
        #expect(WarningRules.median([Fraction(1, 10)!, Fraction(1, 5)!]) == Fraction(3, 20))
        #expect(WarningRules.median([Fraction(1, 3)!, Fraction(1, 10)!, Fraction(1, 5)!]) == Fraction(1, 5))
    }

    @Test func aQuarterAtExactlyTheLineDoesNotCross() {
        let rules = EscalationRules()
        #expect(!rules.crosses(losses: 10, concluded: 100))
        #expect(rules.crosses(losses: 11, concluded: 100))
        #expect(!rules.crosses(losses: 0, concluded: 0))
        #expect(rules.rung(forOccurrence: 1) == .interview)
        #expect(rules.rung(forOccurrence: 3) == .selfCriticism)
        #expect(rules.judgedFrom(.quarter(year: 2024, quarter: 1)) == CivilDate(year: 2024, month: 4, day: 11))
    }
}
