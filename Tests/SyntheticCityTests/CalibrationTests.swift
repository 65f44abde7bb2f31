import Messages
import SharedDomain
import SyntheticCity
import Testing

/// The generated figures against the report's: the default loss rate by year, category, class of
/// defendant and county quarter.
@Suite struct CalibrationTests {
    typealias V1 = Shuangjiang.Intake.V1
    let city = SharedCities.seedOne

    @Test func theCityLossRateStaysInTheReportsBandAndFallsEveryYear() {
        let rates = SharedCities.years(city).map { city.lossTally(in: .year($0)).rate }
        #expect(rates.allSatisfy { (0.05...0.15).contains($0) }, "\(rates)")
        #expect(zip(rates, rates.dropFirst()).allSatisfy { $0 > $1 }, "\(rates)")
    }

    @Test(arguments: [V1.CaseCategory.expropriation, .confirmation, .informationDisclosure])
    func theReportsHighLossCategoriesAreLostMoreOftenThanTheRest(_ category: V1.CaseCategory) {
        let history = SharedCities.wholeHistory(city)
        let highLoss: Set<V1.CaseCategory> = [.expropriation, .confirmation, .informationDisclosure]
        let these = city.lossTally(in: history) {
            $0.category == category && (category != .confirmation || $0.template.categoryDetail == "工伤认定")
        }
        let rest = city.lossTally(in: history) { !highLoss.contains($0.category) }
        #expect(these.concluded >= 100 && these.rate > rest.rate * 1.4, "\(these) against \(rest)")
    }

    @Test func countyGovernmentsLoseMoreOftenThanCityDepartments() {
        let history = SharedCities.wholeHistory(city)
        let governments = city.lossTally(in: history) { record in
            let agency = city.agencies[record.agencyIndex].template
            return agency.agencyType == .peoplesGovernment && agency.level == .county
        }
        let departments = city.lossTally(in: history) { record in
            let agency = city.agencies[record.agencyIndex].template
            return agency.agencyType != .peoplesGovernment && agency.level == .city
        }
        #expect(governments.rate > departments.rate * 1.3, "\(governments) against \(departments)")
    }

    @Test func someCountyCrossesTenPercentInSomeQuarterWhileMostQuartersStayBelow() {
        var crossings = 0
        var quarters = 0
        for region in 1..<city.regions.count {
            for year in SharedCities.years(city) {
                for quarter in Int32(1)...4 {
                    let tally = city.lossTally(in: .quarter(year: year, quarter: quarter)) { $0.regionIndex == region }
                    guard tally.concluded > 0 else { continue }
                    quarters += 1
                    if tally.exceeds(percent: 10) { crossings += 1 }
                }
            }
        }
        #expect(crossings > 0)
        #expect(crossings * 2 < quarters, "\(crossings) of \(quarters) county quarters above 10%")
    }

    @Test func theWorstRegionIsTheOneWithTheLargestEffect() {
        let history = SharedCities.wholeHistory(city)
        let counties = 1..<city.regions.count
        let worst = counties.max { city.regionLossEffects[$0] < city.regionLossEffects[$1] }!
        let rates = counties.map { region in city.lossTally(in: history) { $0.regionIndex == region }.rate }
        #expect(rates.max() == rates[worst - 1], "\(rates)")
    }

    /// What a risk model could learn: each observable factor moves the loss rate of merits cases
    /// the way LossModel says, once the year is taken into account (the reforms make mediation and
    /// appearances commoner just as every year's level falls, which hides it in raw totals).
    @Test(arguments: ObservableFactor.allCases)
    func anObservableFactorMovesTheYearAdjustedLossRateTheDocumentedWay(_ factor: ObservableFactor) {
        let merits = city.cases.filter { $0.factors?.decidedOnMerits == true && $0.ownConcludedOn != nil }
        var observed = 0.0
        var expected = 0.0
        for year in SharedCities.years(city) {
            let ofYear = merits.filter { $0.ownConcludedOn?.year == year }
            let with = ofYear.filter { factor.holds(for: $0.factors!) }
            let without = ofYear.filter { !factor.holds(for: $0.factors!) }
            guard !with.isEmpty, !without.isEmpty else { continue }
            let baseRate = Double(without.filter(\.isLoss).count) / Double(without.count)
            observed += Double(with.filter(\.isLoss).count)
            expected += baseRate * Double(with.count)
        }
        let moved = factor.raisesLosses ? observed > expected * 1.1 : observed < expected * 0.9
        #expect(moved, "\(factor): \(observed) losses against \(expected) at the same years' rates without it")
    }

    @Test func reconsiderationCorrectionRatesAreModestAndFall() {
        let rates = SharedCities.years(city).map { year in
            let decided = city.cases.filter {
                $0.kind == .reconsideration && $0.ownConcludedOn.map { $0.year == year } == true
            }
            let corrected = decided.filter { Outcome(rawValue: $0.ownOutcome.rawValue)?.isCorrection == true }
            return Double(corrected.count) / Double(decided.count)
        }
        #expect(rates.allSatisfy { (0.05...0.25).contains($0) }, "\(rates)")
        #expect(rates.first! > rates.last!, "\(rates)")
    }
}
