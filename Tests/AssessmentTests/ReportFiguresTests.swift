import Assessment
import Messages
import SharedDomain
import Testing

/// The report's figures (DESIGN.md, "Indicators"; seed/000_b0e73d64cad6b68c.txt), each a city-wide
/// first-instance loss rate for a calendar year, reproduced from case-level histories filed through
/// intake and read back with GetIndicators for the city and the year.
///
///     city    year  losses  concluded  printed   the report's words
///     宿迁市  2021       5        111  4.5%      2021、2022年全市行政诉讼一审败诉率分别为4.5%、7.5%
///     宿迁市  2022       8        107  7.5%
///     湖州市  2020       8         98  8.2%      2020年至2022年,行政诉讼败诉率分别为8.2%、6.3%、6.1%
///     湖州市  2021       6         95  6.3%
///     湖州市  2022       6         99  6.1%
///     嘉兴市  2021       4         92  4.35%     2021、2022年全市行政诉讼一审败诉率分别为4.35%、3.08%
///     嘉兴市  2022       4        130  3.08%
///     芜湖市  2022      13         86  15.12%    芜湖市、马鞍山市2022年败诉率分别为15.12%、9.54%
///     马鞍山市 2022     23        241  9.54%
///     徐州市  2021      52        333  15.62%    行政诉讼败诉率从20xx年的15.62%降至2022年的6.86%
///     徐州市  2022      14        204  6.86%
///
/// Xuzhou's earlier year is elided in the report ("20xx"); it is taken as 2021 here so that
/// GetIndicators' year-earlier comparison shows the fall. 52/333 is the smallest pair that prints
/// 15.62 % (5/32 is exactly 15.625 % and rounds half up to 15.63 %).
///
/// Case volume (发案量) counts filings in the year: a year's conclusions include `carriedIn` cases
/// filed the year before, and the last year of each history leaves `pending` cases open, so
/// volume(Y) = concluded(Y) − carriedIn(Y) + carriedIn(Y+1) + pending(Y).
@Suite struct ReportFiguresTests {
    typealias Intake = Shuangjiang.Intake.V1
    typealias V1 = Shuangjiang.Assessment.V1

    struct Year: Sendable {
        let year: Int32
        let losses: Int
        let concluded: Int
        let printed: String
        let decimals: Int
        let carriedIn: Int
        let pending: Int
    }

    struct Verdict: Sendable {
        let year: Int32
        let verdict: V1.DoubleDeclineVerdict
        let explanation: String
    }

    struct City: Sendable, CustomTestStringConvertible {
        let name: String
        let counties: [(name: String, code: String)]
        let years: [Year]
        /// Hand-computed from the table: volumes by the formula above, rates to two decimals.
        let verdicts: [Verdict]
        var testDescription: String { name }

        func volume(_ year: Int32) -> Int {
            let this = years.first { $0.year == year }
            let next = years.first { $0.year == year + 1 }
            return (this.map { $0.concluded - $0.carriedIn + $0.pending } ?? 0) + (next?.carriedIn ?? 0)
        }
    }

    static let cities: [City] = [
        City(
            name: "宿迁市", counties: [("沭阳县", "321322"), ("泗阳县", "321323"), ("宿城区", "321302")],
            years: [
                Year(year: 2021, losses: 5, concluded: 111, printed: "4.5%", decimals: 1, carriedIn: 30, pending: 0),
                Year(year: 2022, losses: 8, concluded: 107, printed: "7.5%", decimals: 1, carriedIn: 35, pending: 28),
            ],
            verdicts: [
                // 116 → 100 filed; 5/111 → 8/107: the rate rose.
                Verdict(year: 2022, verdict: .notAchieved, explanation: "发案量 116→100，败诉率 4.5%→7.48%，败诉率未下降，未实现双下降")
            ]),
        City(
            name: "湖州市", counties: [("吴兴区", "330502"), ("南浔区", "330503"), ("长兴县", "330522")],
            years: [
                Year(year: 2020, losses: 8, concluded: 98, printed: "8.2%", decimals: 1, carriedIn: 25, pending: 0),
                Year(year: 2021, losses: 6, concluded: 95, printed: "6.3%", decimals: 1, carriedIn: 28, pending: 0),
                Year(year: 2022, losses: 6, concluded: 99, printed: "6.1%", decimals: 1, carriedIn: 26, pending: 20),
            ],
            verdicts: [
                // 101 → 93 filed, 8/98 → 6/95: both fell.
                Verdict(year: 2021, verdict: .achieved, explanation: "发案量 101→93，败诉率 8.16%→6.32%，实现双下降"),
                // 93 → 93: a volume that holds is not a decline.
                Verdict(year: 2022, verdict: .notAchieved, explanation: "发案量 93→93，败诉率 6.32%→6.06%，发案量未下降，未实现双下降"),
            ]),
        City(
            name: "嘉兴市", counties: [("南湖区", "330402"), ("海宁市", "330481"), ("桐乡市", "330483")],
            years: [
                Year(year: 2021, losses: 4, concluded: 92, printed: "4.35%", decimals: 2, carriedIn: 20, pending: 0),
                Year(year: 2022, losses: 4, concluded: 130, printed: "3.08%", decimals: 2, carriedIn: 60, pending: 10),
            ],
            verdicts: [
                // More conclusions in 2022 (the 2021 backlog) but fewer filings: 132 → 80.
                Verdict(year: 2022, verdict: .achieved, explanation: "发案量 132→80，败诉率 4.35%→3.08%，实现双下降")
            ]),
        City(
            name: "芜湖市", counties: [("镜湖区", "340202"), ("弋江区", "340210"), ("无为市", "340281")],
            years: [
                Year(year: 2022, losses: 13, concluded: 86, printed: "15.12%", decimals: 2, carriedIn: 20, pending: 15)
            ],
            verdicts: [
                // Only 2022 is in the report: 2021 has filings (the carried-in cases) but no conclusion.
                Verdict(year: 2022, verdict: .undetermined, explanation: "发案量 20→81，败诉率 —→15.12%，无审结案件，不作判定")
            ]),
        City(
            name: "马鞍山市", counties: [("花山区", "340503"), ("雨山区", "340504"), ("当涂县", "340521")],
            years: [
                Year(year: 2022, losses: 23, concluded: 241, printed: "9.54%", decimals: 2, carriedIn: 60, pending: 30)
            ],
            verdicts: [
                Verdict(year: 2022, verdict: .undetermined, explanation: "发案量 60→211，败诉率 —→9.54%，无审结案件，不作判定")
            ]),
        City(
            name: "徐州市", counties: [("鼓楼区", "320302"), ("铜山区", "320312"), ("沛县", "320322")],
            years: [
                Year(year: 2021, losses: 52, concluded: 333, printed: "15.62%", decimals: 2, carriedIn: 90, pending: 0),
                Year(year: 2022, losses: 14, concluded: 204, printed: "6.86%", decimals: 2, carriedIn: 70, pending: 40),
            ],
            verdicts: [
                Verdict(year: 2022, verdict: .achieved, explanation: "发案量 313→174，败诉率 15.62%→6.86%，实现双下降")
            ]),
    ]

    /// Reconsideration cases each year: counted in their own volume, never in the litigation figures.
    static let reconsiderationOutcomes: [Intake.CaseOutcome] = [
        .upheld, .revoked, .rejected, .withdrawn, .upheld, .confirmedIllegal, .notAccepted, .upheld,
    ]

    @Test(arguments: cities)
    func eachFigureOfTheReportIsReproducedFromCaseLevelHistory(city: City) async throws {
        let harness = try await AssessmentHarness()
        var agencies: [Intake.Agency] = []
        for county in city.counties {
            let region = try await harness.region(county.name, code: county.code)
            agencies.append(try await harness.agency("\(county.name)人民政府", in: region))
            agencies.append(try await harness.agency("\(county.name)自然资源和规划局", in: region))
        }
        // A city-level agency, counted under the city region: in the city's figures, in no county's.
        agencies.append(try await harness.agency("市人力资源和社会保障局", in: harness.city, level: .city))
        var rows: [AssessmentHarness.Row] = []
        for year in city.years {
            rows += Self.history(year, agencies: agencies, last: year.year == city.years.last?.year)
        }
        try await harness.importRows(rows)
        try await harness.sync()

        for year in city.years {
            let response = try await harness.indicators(Request.city, Request.year(year.year))
            let rate = try #require(response.current?.lossRate)
            #expect(rate.numerator == Int64(year.losses) && rate.denominator == Int64(year.concluded), "\(year.year)")
            #expect(rate.formula == "loss_rate.concluded")
            #expect(
                Fraction(rate.numerator, rate.denominator)?.percent(decimals: year.decimals) == year.printed,
                "\(year.year)")
            #expect(response.current?.caseVolume == Int64(city.volume(year.year)), "\(year.year)")
            #expect(response.current?.reconsiderationVolume == Int64(Self.reconsiderationOutcomes.count))
            // Two withdrawals after change in every ten non-losses, whichever way intake recorded them.
            #expect(response.current?.withdrawnAfterChangeCount == Int64(Self.nonLossIndices(year, kind: [7, 8])))
            #expect(response.current?.revisedCount == 0)
        }
        for expected in city.verdicts {
            let response = try await harness.indicators(Request.city, Request.year(expected.year))
            #expect(response.doubleDecline?.verdict == expected.verdict, "\(expected.year)")
            #expect(response.doubleDecline?.explanation == expected.explanation, "\(expected.year)")
            #expect(response.yearEarlier?.caseVolume == Int64(city.volume(expected.year - 1)))
        }
        await harness.stop()
    }

    @Test func theTablesPairsRoundHalfUpToThePrintedFigures() {
        for city in Self.cities {
            for year in city.years {
                #expect(
                    Fraction(Int64(year.losses), Int64(year.concluded))!.percent(decimals: year.decimals)
                        == year.printed)
            }
        }
        // Why Xuzhou needs 52/333: exactly 15.625 % prints as 15.63 %.
        #expect(Fraction(5, 32)!.percent(decimals: 2) == "15.63%")
    }

    // MARK: The histories

    static let losses: [Intake.CaseOutcome] = [
        .revoked, .confirmedIllegal, .orderedToPerform, .revokedAndRedo, .varied, .compensationOrdered,
    ]

    /// How many of the year's non-losses take one of the `kind` slots of the ten-case cycle below.
    static func nonLossIndices(_ year: Year, kind: Set<Int>) -> Int {
        (0..<(year.concluded - year.losses)).filter { kind.contains($0 % 10) }.count
    }

    /// One year's cases: the losses spread evenly among the concluded, conclusions over all twelve
    /// months, agencies in turn, hearings with head appearances on every third case, and non-losses
    /// in a cycle of ten (four claims dismissed, suit dismissed, withdrawn, mediated, withdrawal
    /// after change as a Concluded and as a Withdrawn, a dismissal upheld on appeal). Every sixth
    /// loss is appealed by the agency and the appeal dismissed, so it stays a loss.
    static func history(_ year: Year, agencies: [Intake.Agency], last: Bool) -> [AssessmentHarness.Row] {
        typealias Event = AssessmentHarness.Event
        var rows: [AssessmentHarness.Row] = []
        var lossCount = 0
        var nonLossCount = 0
        for index in 0..<year.concluded {
            let month = Int32(1 + index % 12)
            let concludedOn = CivilDate.on(year.year, month, Int32(10 + (index * 7) % 19))
            let filedOn: CivilDate
            if index < year.carriedIn {
                filedOn = .on(year.year - 1, Int32(10 + index % 3), Int32(1 + index % 28))
            } else {
                let earlier = concludedOn.plus(-(5 + index % 40))
                filedOn = earlier.year < year.year ? .on(year.year, 1, 1) : earlier
            }
            var events: [Event] = []
            let heard = index % 3 == 0
            if heard {
                events += [
                    .hearing(on: concludedOn.plus(-2)), .appearance(on: concludedOn.plus(-2), spoke: index % 2 == 0),
                ]
            }
            let isLoss = (index + 1) * year.losses / year.concluded > index * year.losses / year.concluded
            if isLoss {
                events.append(.concluded(losses[lossCount % losses.count], on: concludedOn))
                if lossCount % 6 == 5 {
                    events += [
                        .appealed(on: concludedOn.plus(10), by: .agency),
                        .concluded(.appealDismissed, on: concludedOn.plus(70), instance: .second),
                    ]
                }
                lossCount += 1
            } else {
                switch nonLossCount % 10 {
                case 4: events.append(.concluded(.suitDismissed, on: concludedOn))
                case 5: events.append(.withdrawn(on: concludedOn))
                case 6 where !heard:
                    // Pre-litigation mediation cannot start once a hearing is scheduled.
                    events = [
                        .mediationStarted(on: filedOn, channel: .judicial), .mediationConcluded(on: filedOn.plus(3)),
                        .concluded(.mediated, on: concludedOn),
                    ]
                case 6: events.append(.concluded(.mediated, on: concludedOn))
                case 7:
                    events += [
                        .selfCorrected(on: concludedOn.plus(-1)), .concluded(.withdrawnAfterChange, on: concludedOn),
                    ]
                case 8:
                    events += [
                        .selfCorrected(on: concludedOn.plus(-1)), .withdrawn(on: concludedOn, afterChange: true),
                    ]
                case 9:
                    events += [
                        .concluded(.claimDismissed, on: concludedOn), .appealed(on: concludedOn.plus(12)),
                        .concluded(.appealDismissed, on: concludedOn.plus(80), instance: .second),
                    ]
                default: events.append(.concluded(.claimDismissed, on: concludedOn))
                }
                nonLossCount += 1
            }
            rows.append(.init(agency: agencies[index % agencies.count], filedOn: filedOn, events: events))
        }
        // Filed in the last quarter and still open when the figures are read.
        for index in 0..<(last ? year.pending : 0) {
            let filedOn = CivilDate.on(year.year, Int32(10 + index % 3), Int32(3 + index % 25))
            rows.append(
                .init(
                    agency: agencies[(index + 3) % agencies.count], filedOn: filedOn,
                    events: index % 2 == 0 ? [.hearing(on: filedOn.plus(20))] : []))
        }
        for (index, outcome) in reconsiderationOutcomes.enumerated() {
            let filedOn = CivilDate.on(year.year, Int32(2 + index), 6)
            let event: Event =
                outcome == .withdrawn ? .withdrawn(on: filedOn.plus(30)) : .concluded(outcome, on: filedOn.plus(45))
            rows.append(
                .init(
                    kind: .reconsideration, agency: agencies[index % agencies.count], filedOn: filedOn, events: [event])
            )
        }
        return rows
    }
}

extension CivilDate {
    func plus(_ days: Int) -> CivilDate { adding(days: Int64(days))! }
}
