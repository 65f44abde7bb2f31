import Testing

@testable import SharedDomain

@Suite struct FractionTests {
    @Test func equalRatesAreEqualWhateverTheirTerms() {
        #expect(Fraction(3, 40) == Fraction(6, 80))
        #expect(Fraction(1, 10)! < Fraction(11, 100)!)
        #expect(Fraction(1, 0) == nil)
    }

    @Test func thresholdsAreReadExactly() {
        #expect(Fraction(parsing: "10%") == Fraction(1, 10))
        #expect(Fraction(parsing: "7.5%") == Fraction(3, 40))
        #expect(Fraction(parsing: "0.1") == Fraction(1, 10))
        #expect(Fraction(parsing: "3/40") == Fraction(3, 40))
        #expect(Fraction(parsing: "ten") == nil)
        #expect(Fraction(parsing: "-1%") == nil)
    }

    @Test func percentagesRoundHalfUpInIntegers() {
        #expect(Fraction(45, 1000)!.percent() == "4.5%")
        #expect(Fraction(1562, 10000)!.percent() == "15.62%")
        #expect(Fraction(1, 3)!.percent() == "33.33%")
        #expect(Fraction(2, 3)!.percent() == "66.67%")
        #expect(Fraction(1, 10)!.percent() == "10%")
    }

    @Test func sumsAndMidpointsAreExact() {
        #expect(Fraction(1, 10)! + Fraction(5, 100)! == Fraction(3, 20))
        #expect(Fraction.midpoint(Fraction(1, 10)!, Fraction(2, 10)!) == Fraction(3, 20))
    }
}
