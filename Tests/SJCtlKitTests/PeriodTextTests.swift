import Messages
import SJCtlKit
import SharedDomain
import Testing

@Suite struct PeriodTextTests {
    typealias Period = Shuangjiang.Common.V1.Period
    static let today = CivilDate(year: 2024, month: 5, day: 17)!

    func period(_ kind: Shuangjiang.Common.V1.PeriodKind, _ year: Int32, _ index: Int32 = 0) -> Period {
        var period = Period()
        period.kind = kind
        period.year = year
        period.index = index
        return period
    }

    @Test(arguments: [
        ("2023", Shuangjiang.Common.V1.PeriodKind.year, Int32(2023), Int32(0)), ("2023Q1", .quarter, 2023, 1),
        ("2023-q4", .quarter, 2023, 4), ("2023-03", .month, 2023, 3), ("2023-3", .month, 2023, 3),
        (" 2024-12 ", .month, 2024, 12),
    ])
    func calendarPeriods(text: String, kind: Shuangjiang.Common.V1.PeriodKind, year: Int32, index: Int32) throws {
        #expect(try PeriodText.period(text, today: Self.today) == period(kind, year, index))
    }

    @Test func aRangeNamesItsDaysAndAnOpenEndIsToday() throws {
        let range = try PeriodText.period("2023-01-01..2023-06-30", today: Self.today)
        #expect(range.kind == .range)
        #expect(Show.period(range) == "2023-01-01..2023-06-30")
        let since = try PeriodText.period("2022-01-01..", today: Self.today)
        #expect(Show.period(since) == "2022-01-01..2024-05-17")
        #expect(try PeriodText.period("2022-01-01..today", today: Self.today) == since)
    }

    @Test(arguments: [
        "2023Q5", "2023Q0", "2023-13", "1900", "23", "2023-06-30..2023-01-01", "Q1", "2023-02-30..2023-03-01", "",
    ])
    func nonsenseIsRefusedWithTheFormsThatWork(text: String) {
        do {
            _ = try PeriodText.period(text, today: Self.today)
            Issue.record("accepted \"\(text)\"")
        } catch {
            #expect(error.description.contains("2023Q1"))
        }
    }

    @Test func aMonthOnlyCommandRefusesOtherKinds() throws {
        #expect(try PeriodText.month("2024-03", today: Self.today) == period(.month, 2024, 3))
        #expect(throws: PeriodText.Failure.self) { try PeriodText.month("2024Q1", today: Self.today) }
    }

    @Test func scopesAreCityRegionOrAgency() throws {
        #expect(Show.scope(try PeriodText.scope("city")) == "city")
        #expect(Show.scope(try PeriodText.scope("region:region-2")) == "region:region-2")
        #expect(Show.scope(try PeriodText.scope("Agency:agency-7")) == "agency:agency-7")
        for bad in ["region:", "district:region-2", "region-2", ""] {
            #expect(throws: PeriodText.Failure.self) { try PeriodText.scope(bad) }
        }
    }
}
