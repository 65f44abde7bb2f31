import GRPCCore
import Testing

@Suite struct GRPCTimeoutTests {
    @Test func everyUnitParses() {
        #expect(GRPCTimeout.parse("2H") == .seconds(7200))
        #expect(GRPCTimeout.parse("3M") == .seconds(180))
        #expect(GRPCTimeout.parse("4S") == .seconds(4))
        #expect(GRPCTimeout.parse("5m") == .milliseconds(5))
        #expect(GRPCTimeout.parse("6u") == .microseconds(6))
        #expect(GRPCTimeout.parse("7n") == .nanoseconds(7))
    }

    @Test func eightDigitsIsTheMaximum() {
        #expect(GRPCTimeout.parse("99999999H") == .seconds(Int64(99_999_999) * 3600))
        #expect(GRPCTimeout.parse("00000001S") == .seconds(1))
        #expect(GRPCTimeout.parse("100000000n") == nil)
    }

    @Test func zeroIsADeadlineThatHasAlreadyPassed() {
        #expect(GRPCTimeout.parse("0n") == .zero)
        #expect(GRPCTimeout.parse("0S") == .zero)
    }

    @Test(arguments: [
        "", "S", "1", "10", "-1S", "+1S", "1s", "1h", "1 S", " 1S", "1S ", "1.5S", "1SS", "0x1S", "１S", "1µ",
    ])
    func anythingElseIsRejected(value: String) {
        #expect(GRPCTimeout.parse(value) == nil)
    }

    @Test func encodingPicksTheShortestExactForm() {
        #expect(GRPCTimeout.encode(.seconds(1)) == "1S")
        #expect(GRPCTimeout.encode(.seconds(60)) == "1M")
        #expect(GRPCTimeout.encode(.seconds(7200)) == "2H")
        #expect(GRPCTimeout.encode(.seconds(90)) == "90S")
        #expect(GRPCTimeout.encode(.milliseconds(1500)) == "1500m")
        #expect(GRPCTimeout.encode(.milliseconds(100)) == "100m")
        #expect(GRPCTimeout.encode(.microseconds(250)) == "250u")
        #expect(GRPCTimeout.encode(.nanoseconds(1)) == "1n")
        #expect(GRPCTimeout.encode(.nanoseconds(99_999_999)) == "99999999n")
    }

    @Test func inexactDurationsRoundUpInTheFinestUnitThatFits() {
        // 123456789 ns needs nine digits in nanoseconds.
        #expect(GRPCTimeout.encode(.nanoseconds(123_456_789)) == "123457u")
        #expect(GRPCTimeout.encode(.nanoseconds(100_000_001)) == "100001u")
        // Sub-nanosecond remainders round up to a whole nanosecond.
        #expect(GRPCTimeout.encode(Duration(secondsComponent: 0, attosecondsComponent: 1)) == "1n")
        #expect(GRPCTimeout.encode(.seconds(100_000_000) + .nanoseconds(1)) == "1666667M")
    }

    @Test func nonPositiveDurationsEncodeAsZero() {
        #expect(GRPCTimeout.encode(.zero) == "0n")
        #expect(GRPCTimeout.encode(.seconds(-5)) == "0n")
        #expect(GRPCTimeout.encode(.nanoseconds(-1)) == "0n")
    }

    @Test func hugeDurationsClampToTheLargestValue() {
        #expect(GRPCTimeout.encode(.seconds(Int64.max)) == "99999999H")
    }

    @Test func encodedValuesParseBackToAtLeastTheDuration() throws {
        let durations: [Duration] = [
            .nanoseconds(1), .nanoseconds(999), .microseconds(1234), .milliseconds(1), .milliseconds(1001),
            .seconds(1), .seconds(59) + .milliseconds(999), .seconds(3601), .seconds(86_400 * 365),
            .nanoseconds(123_456_789_123),
        ]
        for duration in durations {
            let encoded = GRPCTimeout.encode(duration)
            let parsed = try #require(GRPCTimeout.parse(encoded), "\(encoded)")
            #expect(parsed >= duration, "\(duration) → \(encoded)")
            #expect(encoded.utf8.count <= 9)
        }
    }
}
