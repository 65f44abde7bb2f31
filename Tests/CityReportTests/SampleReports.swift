import CityReport
import SharedDomain

/// Hand-built reports for the rendering tests: no server, every figure chosen.
enum SampleReports {
    static func unit(
        _ kind: UnitFigures.Kind, _ name: String, losses: Int64, concluded: Int64, volume: Int64, region: String = ""
    ) -> UnitFigures {
        UnitFigures(
            kind: kind, id: "\(kind)-\(name)", name: name, regionName: region,
            current: Figures(
                lossRate: RateFigure(losses, concluded, formula: "loss_rate.concluded"), caseVolume: volume),
            yearEarlier: Figures(
                lossRate: RateFigure(losses + 1, concluded, formula: "loss_rate.concluded"), caseVolume: volume + 5),
            doubleDecline: DoubleDeclineFigure(
                verdict: .achieved, volumeDeclined: true, lossRateDeclined: true, explanation: "实现双下降"))
    }

    static let quarters: [CalendarPeriod] = (1...4).map { .quarter(year: 2023, quarter: $0) }

    /// Two regions over four quarters: 清平县 reaches 20 % in Q2 (1/5) and 5 % in Q3 (1/20);
    /// 河东区 has no case concluded in any quarter (0/0) but cases filed.
    static func twoRegions(threshold: Fraction = Fraction(1, 10)!, names: (String, String) = ("清平县", "河东区")) -> Report {
        let first = QuarterlyFigures.Row(
            id: "region-2", name: names.0,
            lossRates: [RateFigure(1, 10), RateFigure(1, 5), RateFigure(1, 20), RateFigure(0, 8)],
            caseVolumes: [12, 9, 7, 3])
        let second = QuarterlyFigures.Row(
            id: "region-3", name: names.1, lossRates: Array(repeating: RateFigure(0, 0), count: 4),
            caseVolumes: [2, 0, 1, 0])
        let city = QuarterlyFigures.Row(
            id: "", name: "淮州市", lossRates: [RateFigure(1, 10), RateFigure(1, 5), RateFigure(1, 20), RateFigure(0, 8)],
            caseVolumes: [14, 9, 8, 3])
        return Report(
            cityName: "淮州市", period: .year(2023), yearEarlier: .year(2022), threshold: threshold, intakeSequence: 42,
            city: unit(.city, "淮州市", losses: 3, concluded: 43, volume: 34),
            regions: [
                unit(.region, names.0, losses: 3, concluded: 43, volume: 31),
                UnitFigures(
                    kind: .region, id: "region-3", name: names.1, current: Figures(caseVolume: 3),
                    doubleDecline: DoubleDeclineFigure(verdict: .undetermined, explanation: "败诉率无法计算，无法判断双下降")),
            ],
            agencies: [unit(.agency, "清平县人民政府", losses: 3, concluded: 43, volume: 31, region: names.0)],
            quietAgencies: 4,
            quarterly: QuarterlyFigures(quarters: quarters, city: city, regions: [first, second]),
            rankings: [
                Ranking(
                    indicator: .lossRate, unitKind: .region, descending: false,
                    entries: [
                        .init(rank: 1, name: names.0, value: .rate(RateFigure(3, 43))),
                        .init(rank: 0, name: names.1, value: .rate(RateFigure(0, 0))),
                    ])
            ],
            warnings: [
                WarningEntry(
                    period: quarters[1], unitKind: .region, unitName: names.0, level: .red, lossRate: RateFigure(1, 5),
                    cityLossRate: RateFigure(1, 5), reasons: ["季度败诉率 20% 高于 10% 约谈线"]),
                WarningEntry(
                    period: quarters[1], unitKind: .region, unitName: names.1, level: .green,
                    lossRate: RateFigure(0, 0),
                    cityLossRate: RateFigure(1, 5)),
            ],
            crossings: [
                Crossing(
                    regionName: names.0, quarter: quarters[1], lossRate: RateFigure(1, 5), threshold: threshold,
                    occurrence: 1,
                    escalation: .interview)
            ],
            escalations: [
                EscalationEntry(
                    regionName: names.0, quarter: quarters[1], kind: .interview, occurrence: 1,
                    lossRate: RateFigure(1, 5),
                    status: .completed, heldOn: CivilDate(year: 2023, month: 8, day: 2), conductedBy: "分管副市长")
            ],
            accountability: [
                AccountabilityFigures(
                    scopeName: "全市", isCity: true, cluesReferred: 3, casesHeldAccountable: 2, personsHandled: 2)
            ])
    }

    /// A period with nothing at all: no region, no agency, no case.
    static let empty = Report(
        cityName: "淮州市", period: .quarter(year: 2031, quarter: 1),
        city: UnitFigures(kind: .city, id: "", name: "淮州市", current: Figures()),
        quarterly: QuarterlyFigures(
            quarters: QuarterlyFigures.quarters(for: .quarter(year: 2031, quarter: 1)),
            city: .init(
                id: "", name: "淮州市", lossRates: Array(repeating: RateFigure(0, 0), count: 4), caseVolumes: [0, 0, 0, 0]),
            regions: []))
}
