import Testing

@testable import SharedDomain

@Suite struct CalendarTests {
    @Test func aQuarterHasItsMonthsDays() {
        let q1 = CalendarPeriod.quarter(year: 2024, quarter: 1).days
        #expect(q1.lowerBound == CivilDate(year: 2024, month: 1, day: 1))
        #expect(q1.upperBound == CivilDate(year: 2024, month: 3, day: 31))
        #expect(CalendarPeriod.month(year: 2024, month: 2).days.upperBound.day == 29)
        #expect(CalendarPeriod.month(year: 2023, month: 2).days.upperBound.day == 28)
    }

    @Test func periodsContainingADate() {
        let date = CivilDate(year: 2022, month: 8, day: 31)!
        #expect(CalendarPeriod.quarter(containing: date) == .quarter(year: 2022, quarter: 3))
        #expect(CalendarPeriod.month(containing: date) == .month(year: 2022, month: 8))
        #expect(CalendarPeriod.year(containing: date) == .year(2022))
    }

    @Test func theSamePeriodAYearEarlierAndTheNextOne() {
        #expect(CalendarPeriod.quarter(year: 2022, quarter: 4).yearEarlier == .quarter(year: 2021, quarter: 4))
        #expect(CalendarPeriod.quarter(year: 2022, quarter: 4).next == .quarter(year: 2023, quarter: 1))
        #expect(CalendarPeriod.month(year: 2022, month: 12).next == .month(year: 2023, month: 1))
        #expect(CalendarPeriod.year(1949).yearEarlier == nil)
        let leap = CivilDate(year: 2024, month: 2, day: 29)!
        #expect(
            CalendarPeriod.range(leap...leap).yearEarlier
                == .range(CivilDate(year: 2023, month: 2, day: 28)!...CivilDate(year: 2023, month: 2, day: 28)!))
    }

    @Test func periodsPrintAsPeopleWriteThem() {
        #expect("\(CalendarPeriod.quarter(year: 2024, quarter: 1))" == "2024Q1")
        #expect("\(CalendarPeriod.month(year: 2024, month: 3))" == "2024-03")
        #expect("\(CalendarPeriod.year(2024))" == "2024")
    }

    /// Midnight in Shanghai is 16:00 UTC the day before: a conclusion at 23:30 on 31 March in
    /// Shanghai counts in the first quarter, whatever zone the server runs in.
    @Test func theCityZoneDecidesTheDay() {
        let lateMarch31 = Instant(seconds: 1_711_899_000)  // 2024-03-31T15:30:00Z = 23:30 in Shanghai
        #expect(CityTimeZone.shanghai.date(of: lateMarch31) == CivilDate(year: 2024, month: 3, day: 31))
        #expect(
            CityTimeZone.shanghai.date(of: lateMarch31.adding(seconds: 1800)) == CivilDate(year: 2024, month: 4, day: 1)
        )
        #expect(
            CityTimeZone.utc.date(of: lateMarch31.adding(seconds: 1800)) == CivilDate(year: 2024, month: 3, day: 31))
        let day = CivilDate(year: 2024, month: 4, day: 1)!
        #expect(CityTimeZone.shanghai.start(of: day) == Instant(seconds: 1_711_900_800))
        #expect(CityTimeZone.shanghai.end(of: day) == Instant(seconds: 1_711_987_200))
    }

    @Test func zonesAreReadFromConfigurationOrRefused() {
        #expect(CityTimeZone(identifier: "Asia/Shanghai") == .shanghai)
        #expect(CityTimeZone(identifier: "UTC+05:30")?.utcOffsetSeconds == 19_800)
        #expect(CityTimeZone(identifier: "UTC-03:00")?.utcOffsetSeconds == -10_800)
        #expect(CityTimeZone(identifier: "Asia/Shangai") == nil)
        #expect(CityTimeZone(identifier: "UTC+8") == nil)
    }

    @Test func datesCountDaysBothWays() {
        let date = CivilDate(year: 2000, month: 2, day: 28)!
        #expect(date.adding(days: 1) == CivilDate(year: 2000, month: 2, day: 29))
        #expect(date.adding(days: 2) == CivilDate(year: 2000, month: 3, day: 1))
        #expect(CivilDate(daysSinceEpoch: 0) == CivilDate(year: 1970, month: 1, day: 1))
        #expect(CivilDate(year: 1970, month: 1, day: 1)!.adding(days: -1) == CivilDate(year: 1969, month: 12, day: 31))
    }

    @Test func instantsFromMillisecondsRoundDown() {
        #expect(Instant(milliseconds: -1) == Instant(seconds: -1, nanos: 999_000_000))
        #expect(Instant(milliseconds: 1500).milliseconds == 1500)
        #expect(Instant(validatingSeconds: 0, nanos: 1_000_000_000) == nil)
    }

    @Test func aManualClockMovesOnlyWhenTold() {
        let clock = ManualClock(Instant(seconds: 100))
        #expect(clock.now() == Instant(seconds: 100))
        clock.advance(seconds: 5)
        #expect(clock.now() == Instant(seconds: 105))
    }
}
