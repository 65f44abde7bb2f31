import CityReport
import SharedDomain
import Testing

@Suite struct InspectionRuleTests {
    static func agency(_ name: String, filed: Int64, lost: Int64 = 0, concluded: Int64 = 0) -> InspectionCandidate {
        InspectionCandidate(
            agencyId: name, agencyName: name, regionName: "清平县", litigationFiled: filed, reconsiderationFiled: 0,
            lossRate: RateFigure(lost, concluded), correctionRate: RateFigure(0, 0))
    }

    static let quarter = CalendarPeriod.quarter(year: 2024, quarter: 1)

    @Test func theTopDecileOfTwentyAgenciesIsTwoPlacesAndATieWithTheSecondIsIn() {
        var agencies = (0..<17).map { Self.agency("机关\($0)", filed: 1) }
        agencies += [Self.agency("甲", filed: 9), Self.agency("乙", filed: 5), Self.agency("丙", filed: 5)]
        let city = Self.agency("全市", filed: 36)
        let list = InspectionRule().select(agencies, city: city, cityName: "淮州市", quarter: Self.quarter)
        #expect(InspectionRule().volumePlaces(among: 20) == 2)
        #expect(list.entries.map(\.candidate.agencyName) == ["甲", "丙", "乙"])
        #expect(
            list.entries.map(\.reasons) == [
                [.highIncidence(place: 1)], [.highIncidence(place: 2)], [.highIncidence(place: 2)],
            ])
        #expect(list.volumeCutoff == 5)
    }

    @Test func aQuietQuarterListsNoOneForIncidence() {
        // Top decile of 10 is one place, but 2 cases is below the minimum of 3.
        let agencies = [Self.agency("甲", filed: 2)] + (0..<9).map { Self.agency("机关\($0)", filed: 0) }
        let list = InspectionRule().select(
            agencies, city: Self.agency("全市", filed: 2), cityName: "淮州市", quarter: Self.quarter)
        #expect(list.entries.isEmpty)
        #expect(
            InspectionRule(minimumVolume: 2).select(
                agencies, city: Self.agency("全市", filed: 2), cityName: "淮州市", quarter: Self.quarter
            ).entries.count == 1)
    }

    @Test func theCorrectionRuleComparesExactlyWithTheCityPlusTheMargin() {
        // City 10/100 = 10 %; line at 15 %. 3/20 is exactly 15 %: not above. 4/25 = 16 % is.
        let city = Self.agency("全市", filed: 0, lost: 10, concluded: 100)
        let agencies = [
            Self.agency("正好", filed: 0, lost: 3, concluded: 20), Self.agency("高于", filed: 0, lost: 4, concluded: 25),
            Self.agency("太少", filed: 0, lost: 2, concluded: 2),
        ]
        let list = InspectionRule().select(agencies, city: city, cityName: "淮州市", quarter: Self.quarter)
        #expect(list.entries.map(\.candidate.agencyName) == ["高于"])
        #expect(list.entries.first?.reasons == [.highCorrection])
        #expect(list.cityRate.text == "10/100 (10%)")
        // With a 0-point margin, exactly the city's rate is still not above it.
        let strict = InspectionRule(correctionMargin: Fraction(0, 1)!, minimumConcluded: 1)
        #expect(
            strict.select(agencies, city: city, cityName: "淮州市", quarter: Self.quarter).entries.map(
                \.candidate.agencyName
            )
            .sorted() == ["太少", "正好", "高于"])
    }

    @Test func theRuleIsPrintedWithTheList() {
        let rule = InspectionRule(volumeShare: Fraction(1, 5)!, minimumVolume: 4, correctionMargin: Fraction(1, 10)!)
        let list = rule.select([], city: Self.agency("全市", filed: 0), cityName: "淮州市", quarter: Self.quarter)
        let text = TextRenderer().render(list)
        #expect(text.contains("前 20%"))
        #expect(text.contains("不少于 4 件"))
        #expect(text.contains("10% 以上"))
        #expect(text.contains("本季度无机关达到上述标准"))
    }
}
