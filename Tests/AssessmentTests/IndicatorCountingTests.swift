import Assessment
import Messages
import ServiceKit
import SharedDomain
import Stubs
import Testing

/// Every indicator of indicators.proto for one history and period (2022 Q2), each expectation
/// counted by hand from the table below, for the agency, region and city scopes.
///
///     #   agency  filed   events                                              counts in Q2 as
///     1   A1      04-02   hearing, head spoke, REVOKED 05-10                 loss, merits, heard, appeared, spoke
///     2   A1      04-05   hearing, head silent, CONFIRMED_ILLEGAL 05-20,     loss (provisional), merits, heard,
///                         appealed 05-30 (pending)                           appeared, appealed
///     3   A1      04-06   hearing, CLAIM_DISMISSED 06-01                     merits, heard
///     4   A1      04-07   SUIT_DISMISSED 06-02                               —
///     5   A1      04-08   Withdrawn 06-03                                    mediation/withdrawal
///     6   A1      04-09   mediation, MEDIATED 06-04                          mediation/withdrawal
///     7   A1      04-10   self-corrected, Concluded WITHDRAWN_AFTER_CHANGE   withdrawal after change, med/wd
///     8   A1      04-11   self-corrected, Withdrawn after change 06-06       withdrawal after change, med/wd
///     9   A1      04-12   hearing, head spoke, CLAIM_DISMISSED 06-07,        merits, heard, appeared, spoke, appealed
///                         appealed, appeal dismissed 06-25
///     10  A2      04-13   ORDERED_TO_PERFORM 06-08                           loss, merits
///     11  A2      05-01   hearing, still open                                volume only
///     12  A2      03-20   CLAIM_DISMISSED 06-09                              merits (filed in Q1: no volume)
///     13  A2      04-20   REVOKED 07-05                                      volume only (concluded in Q3)
///     14  B1      04-03   CLAIM_DISMISSED 05-03                              merits (county B)
///     15  B1      04-04   CLAIM_DISMISSED 05-04                              merits
///     16  B1      04-05   VARIED 05-05                                       loss, merits
///     17  B1      05-06   still open                                         volume only
///
///     reconsideration (A1): R1 REVOKED, R2 UPHELD, R3 self-corrected + withdrawn, R4 withdrawn,
///     R5 VARIED, R6 self-corrected + REJECTED, R7 open, R8 filed in Q1 and UPHELD in Q2,
///     R9 self-corrected + withdrawn after change
///
/// County A (agencies A1, A2): concluded 1-10 and 12 = 11, losses 1, 2, 10 = 3, merits 1-3, 9, 10,
/// 12 = 6, withdrawals after change 7, 8 = 2, mediation/withdrawal 5-8 = 4, appealed 2, 9, heard
/// 1-3, 9 = 4, appeared 1, 2, 9 = 3, spoke 1, 9 = 2, volume 1-11, 13 = 12; reconsideration filed
/// R1-R7, R9 = 8, concluded R1-R6, R8, R9 = 8, corrected R1, R5 = 2, comprehensively R1, R3, R5, R9.
@Suite struct IndicatorCountingTests {
    typealias Intake = Shuangjiang.Intake.V1
    typealias V1 = Shuangjiang.Assessment.V1

    struct Expected {
        var volume: Int64
        var reconsiderationVolume: Int64
        var concluded: String
        var merits: String
        var plaintiffWin: String
        var correction: String
        var comprehensive: String
        var appearance: String
        var speak: String
        var mediationWithdrawal: String
        var appeal: String
        var withdrawnAfterChange: Int64
    }

    static let countyA = Expected(
        volume: 12, reconsiderationVolume: 8, concluded: "3/11", merits: "3/6", plaintiffWin: "5/11", correction: "2/8",
        comprehensive: "4/8", appearance: "3/4", speak: "2/3", mediationWithdrawal: "4/11", appeal: "2/11",
        withdrawnAfterChange: 2)
    /// Cases 1-9 and the reconsideration cases.
    static let agencyA1 = Expected(
        volume: 9, reconsiderationVolume: 8, concluded: "2/9", merits: "2/4", plaintiffWin: "4/9", correction: "2/8",
        comprehensive: "4/8", appearance: "3/4", speak: "2/3", mediationWithdrawal: "4/9", appeal: "2/9",
        withdrawnAfterChange: 2)
    /// Cases 10-13.
    static let agencyA2 = Expected(
        volume: 3, reconsiderationVolume: 0, concluded: "1/2", merits: "1/2", plaintiffWin: "1/2", correction: "0/0",
        comprehensive: "0/0", appearance: "0/0", speak: "0/0", mediationWithdrawal: "0/2", appeal: "0/2",
        withdrawnAfterChange: 0)
    /// County A plus cases 14-17.
    static let city = Expected(
        volume: 16, reconsiderationVolume: 8, concluded: "4/14", merits: "4/9", plaintiffWin: "6/14", correction: "2/8",
        comprehensive: "4/8", appearance: "3/4", speak: "2/3", mediationWithdrawal: "4/14", appeal: "2/14",
        withdrawnAfterChange: 2)

    struct Units {
        let countyA: Intake.Region
        let a1: Intake.Agency
        let a2: Intake.Agency
    }

    static func history(_ harness: AssessmentHarness) async throws -> Units {
        let countyA = try await harness.region("沭阳县", code: "321322")
        let a1 = try await harness.agency("沭阳县人民政府", in: countyA)
        let a2 = try await harness.agency("沭阳县公安局", in: countyA)
        let b1 = try await harness.agency("泗阳县人民政府", in: try await harness.region("泗阳县", code: "321323"))
        func day(_ month: Int32, _ day: Int32) -> CivilDate { .on(2022, month, day) }
        typealias Row = AssessmentHarness.Row
        let litigation: [Row] = [
            Row(
                agency: a1, filedOn: day(4, 2),
                events: [
                    .hearing(on: day(5, 9)), .appearance(on: day(5, 9), spoke: true),
                    .concluded(.revoked, on: day(5, 10)),
                ]),
            Row(
                agency: a1, filedOn: day(4, 5),
                events: [
                    .hearing(on: day(5, 19)), .appearance(on: day(5, 19), spoke: false),
                    .concluded(.confirmedIllegal, on: day(5, 20)), .appealed(on: day(5, 30), by: .agency),
                ]),
            Row(
                agency: a1, filedOn: day(4, 6),
                events: [.hearing(on: day(5, 31)), .concluded(.claimDismissed, on: day(6, 1))]),
            Row(agency: a1, filedOn: day(4, 7), events: [.concluded(.suitDismissed, on: day(6, 2))]),
            Row(agency: a1, filedOn: day(4, 8), events: [.withdrawn(on: day(6, 3))]),
            Row(
                agency: a1, filedOn: day(4, 9),
                events: [
                    .mediationStarted(on: day(4, 9), channel: .administrative), .mediationConcluded(on: day(5, 9)),
                    .concluded(.mediated, on: day(6, 4)),
                ]),
            Row(
                agency: a1, filedOn: day(4, 10),
                events: [.selfCorrected(on: day(5, 20)), .concluded(.withdrawnAfterChange, on: day(6, 5))]),
            Row(
                agency: a1, filedOn: day(4, 11),
                events: [.selfCorrected(on: day(5, 21)), .withdrawn(on: day(6, 6), afterChange: true)]),
            Row(
                agency: a1, filedOn: day(4, 12),
                events: [
                    .hearing(on: day(6, 6)), .appearance(on: day(6, 6), spoke: true),
                    .concluded(.claimDismissed, on: day(6, 7)),
                    .appealed(on: day(6, 15)), .concluded(.appealDismissed, on: day(6, 25), instance: .second),
                ]),
            Row(agency: a2, filedOn: day(4, 13), events: [.concluded(.orderedToPerform, on: day(6, 8))]),
            Row(agency: a2, filedOn: day(5, 1), events: [.hearing(on: day(6, 20))]),
            Row(agency: a2, filedOn: day(3, 20), events: [.concluded(.claimDismissed, on: day(6, 9))]),
            Row(agency: a2, filedOn: day(4, 20), events: [.concluded(.revoked, on: day(7, 5))]),
            Row(agency: b1, filedOn: day(4, 3), events: [.concluded(.claimDismissed, on: day(5, 3))]),
            Row(agency: b1, filedOn: day(4, 4), events: [.concluded(.claimDismissed, on: day(5, 4))]),
            Row(agency: b1, filedOn: day(4, 5), events: [.concluded(.varied, on: day(5, 5))]),
            Row(agency: b1, filedOn: day(5, 6)),
        ]
        let reconsideration: [Row] = [
            Row(kind: .reconsideration, agency: a1, filedOn: day(4, 1), events: [.concluded(.revoked, on: day(5, 1))]),
            Row(kind: .reconsideration, agency: a1, filedOn: day(4, 2), events: [.concluded(.upheld, on: day(5, 2))]),
            Row(
                kind: .reconsideration, agency: a1, filedOn: day(4, 3),
                events: [.selfCorrected(on: day(4, 20)), .withdrawn(on: day(5, 3))]),
            Row(kind: .reconsideration, agency: a1, filedOn: day(4, 4), events: [.withdrawn(on: day(5, 4))]),
            Row(kind: .reconsideration, agency: a1, filedOn: day(4, 5), events: [.concluded(.varied, on: day(5, 5))]),
            Row(
                kind: .reconsideration, agency: a1, filedOn: day(4, 6),
                events: [.selfCorrected(on: day(4, 21)), .concluded(.rejected, on: day(5, 6))]),
            Row(kind: .reconsideration, agency: a1, filedOn: day(4, 7)),
            Row(kind: .reconsideration, agency: a1, filedOn: day(3, 25), events: [.concluded(.upheld, on: day(4, 15))]),
            Row(
                kind: .reconsideration, agency: a1, filedOn: day(4, 9),
                events: [.selfCorrected(on: day(4, 22)), .withdrawn(on: day(5, 9), afterChange: true)]),
        ]
        try await harness.importRows(litigation + reconsideration)
        try await harness.sync()
        return Units(countyA: countyA, a1: a1, a2: a2)
    }

    static func check(_ harness: AssessmentHarness, _ scope: Shuangjiang.Common.V1.Scope, _ expected: Expected)
        async throws
    {
        let period = Request.quarter(2022, 2)
        let concluded = try #require(try await harness.indicators(scope, period).current)
        #expect(concluded.lossRateFormula == .concluded)
        #expect(concluded.lossRate?.formula == "loss_rate.concluded")
        #expect(concluded.lossRate.ratio == expected.concluded)
        let merits = try await harness.indicators(scope, period, formula: .merits).current
        #expect(merits?.lossRateFormula == .merits && merits?.lossRate?.formula == "loss_rate.merits")
        #expect(merits?.lossRate.ratio == expected.merits)
        let plaintiffWin = try await harness.indicators(scope, period, formula: .plaintiffWin).current
        #expect(plaintiffWin?.lossRate?.formula == "loss_rate.plaintiff_win")
        #expect(plaintiffWin?.lossRate.ratio == expected.plaintiffWin)
        #expect(concluded.caseVolume == expected.volume)
        #expect(concluded.reconsiderationVolume == expected.reconsiderationVolume)
        #expect(concluded.correctionRate.ratio == expected.correction)
        #expect(concluded.correctionRate?.formula == "correction_rate.direct")
        #expect(concluded.comprehensiveCorrectionRate.ratio == expected.comprehensive)
        #expect(concluded.comprehensiveCorrectionRate?.formula == "correction_rate.comprehensive")
        #expect(concluded.appearanceRate.ratio == expected.appearance)
        #expect(concluded.appearanceRate?.formula == "appearance_rate")
        #expect(concluded.speakRate.ratio == expected.speak)
        #expect(concluded.speakRate?.formula == "speak_rate")
        #expect(concluded.mediationWithdrawalRate.ratio == expected.mediationWithdrawal)
        #expect(concluded.mediationWithdrawalRate?.formula == "mediation_withdrawal_rate")
        #expect(concluded.appealRate.ratio == expected.appeal)
        #expect(concluded.appealRate?.formula == "appeal_rate")
        #expect(concluded.withdrawnAfterChangeCount == expected.withdrawnAfterChange)
        #expect(concluded.revisedCount == 0)
        // The same counts whatever the formula: only loss_rate differs.
        var others = [merits, plaintiffWin].compactMap { $0 }
        for index in others.indices {
            others[index].lossRate = concluded.lossRate
            others[index].lossRateFormula = concluded.lossRateFormula
        }
        #expect(others == [concluded, concluded])
    }

    @Test func everyIndicatorOfAnAgencyARegionAndTheCityIsCountedByTheProtosRules() async throws {
        let harness = try await AssessmentHarness()
        let units = try await Self.history(harness)
        try await Self.check(harness, Request.agency(units.a1), Self.agencyA1)
        try await Self.check(harness, Request.agency(units.a2), Self.agencyA2)
        try await Self.check(harness, Request.region(units.countyA), Self.countyA)
        try await Self.check(harness, Request.city, Self.city)
        // A rate with nothing under it is 0/0 with value 0, never a made-up number.
        let a2 = try await harness.indicators(Request.agency(units.a2), Request.quarter(2022, 2)).current
        #expect(a2?.appearanceRate?.value == 0 && a2?.appearanceRate?.formula == "appearance_rate")
        await harness.stop()
    }

    /// A Concluded with WITHDRAWN_AFTER_CHANGE and a Withdrawn with after_agency_changed_act, each
    /// the only case of its agency, give the same indicators in every formula.
    @Test(arguments: [V1.LossRateFormula.concluded, .merits, .plaintiffWin])
    func bothEncodingsOfAWithdrawalAfterChangeCountTheSame(formula: V1.LossRateFormula) async throws {
        let harness = try await AssessmentHarness()
        let county = try await harness.region("沭阳县", code: "321322")
        let concluded = try await harness.agency("沭阳县人民政府", in: county)
        let withdrawn = try await harness.agency("沭阳县公安局", in: county)
        try await harness.importRows([
            .init(
                agency: concluded, filedOn: .on(2022, 4, 1),
                events: [.concluded(.withdrawnAfterChange, on: .on(2022, 5, 1))]),
            .init(
                agency: withdrawn, filedOn: .on(2022, 4, 1),
                events: [.withdrawn(on: .on(2022, 5, 1), afterChange: true)]),
        ])
        try await harness.sync()
        let first = try #require(
            try await harness.indicators(Request.agency(concluded), Request.year(2022), formula: formula).current)
        let second = try await harness.indicators(Request.agency(withdrawn), Request.year(2022), formula: formula)
            .current
        #expect(first == second)
        #expect(first.withdrawnAfterChangeCount == 1 && first.mediationWithdrawalRate.ratio == "1/1")
        // A loss only in the plaintiff-win formula, never on the merits.
        let expected = ["1/1": V1.LossRateFormula.plaintiffWin, "0/0": .merits, "0/1": .concluded]
        #expect(expected[first.lossRate.ratio] == formula)
        await harness.stop()
    }

    /// Conclusion (and filing) days around the edges of months and years; each range's expected
    /// count is the days of the list that fall in it.
    static let days: [CivilDate] = [
        .on(2021, 12, 31), .on(2022, 1, 9), .on(2022, 1, 10), .on(2022, 1, 31), .on(2022, 2, 1), .on(2022, 2, 15),
        .on(2022, 2, 28), .on(2022, 3, 1), .on(2022, 3, 20), .on(2022, 3, 21),
        // Further years, for ranges summed from whole years (year_counts) with months and days at their edges.
        .on(2020, 6, 15), .on(2020, 12, 31), .on(2023, 1, 1), .on(2023, 7, 4), .on(2024, 2, 29),
    ]

    @Test(arguments: [
        (CivilDate.on(2022, 1, 10), CivilDate.on(2022, 3, 20), 7),  // cut months at both ends
        (.on(2022, 2, 1), .on(2022, 2, 28), 3),  // one whole month
        (.on(2022, 2, 3), .on(2022, 2, 20), 1),  // inside one month
        (.on(2021, 12, 31), .on(2022, 1, 10), 3),  // across a new year
        (.on(2022, 1, 31), .on(2022, 3, 1), 5),  // a last and a first day around a whole month
        (.on(2021, 12, 1), .on(2022, 3, 31), 10),  // whole months only
        (.on(2021, 1, 1), .on(2022, 12, 31), 10),  // whole years only
        (.on(2020, 6, 15), .on(2023, 7, 4), 14),  // days, months, two whole years, months, days
        (.on(2020, 7, 1), .on(2024, 2, 28), 13),  // months, whole years, months, days
        (.on(2020, 1, 1), .on(2024, 12, 31), 15),  // every day of the list
    ])
    func aRangeCountsExactlyTheDaysInIt(first: CivilDate, last: CivilDate, count: Int) async throws {
        let harness = try await AssessmentHarness()
        let agency = try await harness.agency("沭阳县人民政府", in: try await harness.region("沭阳县", code: "321322"))
        // Filed and concluded on the same day, a loss on every other one.
        try await harness.importConcluded(
            Self.days.enumerated().map { index, day in
                AssessmentHarness.Concluded(
                    agency: agency, filedOn: day, concludedOn: day, outcome: index % 2 == 0 ? .revoked : .mediated)
            })
        try await harness.sync()
        let response = try await harness.indicators(Request.city, Request.range(first, last))
        let inRange = Self.days.enumerated().filter { (first...last).contains($0.element) }
        let losses = inRange.filter { $0.offset % 2 == 0 }.count
        #expect(inRange.count == count)
        #expect(response.current?.lossRate.ratio == "\(losses)/\(count)")
        #expect(response.current?.caseVolume == Int64(count))
        #expect(response.current?.mediationWithdrawalRate.ratio == "\(count - losses)/\(count)")
        #expect(CivilDate(response.period?.firstDay) == first && CivilDate(response.period?.lastDay) == last)
        await harness.stop()
    }

    @Test func aRangesYearEarlierIsTheSameDaysWithTheTwentyNinthOfFebruaryAsTheTwentyEighth() async throws {
        let harness = try await AssessmentHarness()
        let agency = try await harness.agency("沭阳县人民政府", in: try await harness.region("沭阳县", code: "321322"))
        try await harness.importConcluded(
            [.on(2023, 2, 27), .on(2023, 2, 28), .on(2023, 3, 1), .on(2023, 3, 2), .on(2024, 2, 29)].map {
                AssessmentHarness.Concluded(agency: agency, filedOn: $0, concludedOn: $0, outcome: .claimDismissed)
            })
        try await harness.sync()
        let response = try await harness.indicators(Request.city, Request.range(.on(2024, 2, 29), .on(2024, 3, 1)))
        #expect(CivilDate(response.yearEarlierPeriod?.firstDay) == .on(2023, 2, 28))
        #expect(CivilDate(response.yearEarlierPeriod?.lastDay) == .on(2023, 3, 1))
        #expect(response.yearEarlier?.lossRate.ratio == "0/2" && response.current?.lossRate.ratio == "0/1")
        await harness.stop()
    }
}
