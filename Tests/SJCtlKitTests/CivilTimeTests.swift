import SJCtlKit
import SharedDomain
import Testing

@Suite struct CivilTimeTests {
    static let now = Instant(seconds: 1_700_000_000)

    @Test func aTimeWithoutAnOffsetIsInTheCitysZone() {
        // 2024-03-05 14:30 in Shanghai is 06:30 UTC.
        let expected = Instant(seconds: 1_709_620_200)
        for text in [
            "2024-03-05 14:30", "2024-03-05T14:30", "2024-03-05T14:30:00", "2024-03-05T06:30:00Z",
            "2024-03-05T14:30:00+08:00", "2024-03-05T01:30-05:00",
        ] {
            #expect(CivilTime.parseInstant(text, zone: .shanghai, now: Self.now) == expected, "\(text)")
        }
    }

    @Test func aDateAloneIsItsFirstInstantAndNowIsNow() {
        #expect(CivilTime.parseInstant("2024-03-05", zone: .shanghai, now: Self.now) == Instant(seconds: 1_709_568_000))
        #expect(CivilTime.parseInstant("now", zone: .shanghai, now: Self.now) == Self.now)
        #expect(
            CivilTime.parseInstant("2024-03-05T14:30:15.25Z", zone: .utc, now: Self.now)
                == Instant(seconds: 1_709_649_015, nanos: 250_000_000))
    }

    @Test(arguments: ["2024-03-05 25:00", "2024-02-30", "14:30", "2024-03-05 14", "2024-03-05T14:30+8", "yesterday"])
    func badTimesAreRefused(text: String) {
        #expect(CivilTime.parseInstant(text, zone: .shanghai, now: Self.now) == nil)
    }

    @Test func datesAsSpreadsheetsWriteThem() {
        let expected = CivilDate(year: 2024, month: 3, day: 5)
        for text in ["2024-03-05", "2024/3/5", "2024-3-05", "2024年3月5日"] {
            #expect(CivilTime.parseDate(text) == expected, "\(text)")
        }
        #expect(CivilTime.parseDate("05/03/2024") == nil)
    }

    @Test func rfc3339InUTCWithOnlyTheFractionDigitsNeeded() {
        #expect(CivilTime.rfc3339(seconds: 1_709_620_200, nanos: 0) == "2024-03-05T06:30:00Z")
        #expect(CivilTime.rfc3339(seconds: 0, nanos: 5_000_000) == "1970-01-01T00:00:00.005Z")
        #expect(CivilTime.rfc3339(seconds: -1, nanos: 123_456_789) == "1969-12-31T23:59:59.123456789Z")
        #expect(CivilTime.rfc3339(seconds: 951_782_400, nanos: 1000) == "2000-02-29T00:00:00.000001Z")
    }

    @Test func durationsReadAndPrintForPeople() {
        #expect(CivilTime.parseDuration("90m") == 5400)
        #expect(CivilTime.parseDuration("1d12h") == 129_600)
        #expect(CivilTime.parseDuration("2d 3h") == 183_600)
        #expect(CivilTime.parseDuration("12") == nil)
        #expect(CivilTime.parseDuration("h") == nil)
        #expect(CivilTime.humanDuration(seconds: 266_400) == "3d 2h")
        #expect(CivilTime.humanDuration(seconds: 86_400) == "24h")
        #expect(CivilTime.humanDuration(seconds: 23_400) == "6h 30m")
        #expect(CivilTime.protoDuration(seconds: 3600, nanos: 0) == "3600s")
        #expect(CivilTime.protoDuration(seconds: 1, nanos: 500_000_000) == "1.500s")
        #expect(CivilTime.local(seconds: 1_709_620_200, in: .shanghai) == "2024-03-05 14:30")
    }
}
