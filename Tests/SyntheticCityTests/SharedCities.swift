import SharedDomain
import SyntheticCity

/// Cities generated once and shared by the tests that only read them (a default city takes about
/// a second in a debug build).
enum SharedCities {
    /// The default parameters with seed 1: 3 years (2021-2023), 8 regions, 1600 cases a year.
    static let seedOne = SyntheticCity(CityParameters(seed: 1))

    static func wholeHistory(_ city: SyntheticCity) -> CalendarPeriod {
        .range(CivilDate(year: city.parameters.firstYear, month: 1, day: 1)!...city.today)
    }

    static func years(_ city: SyntheticCity) -> [Int32] {
        (0..<Int32(city.parameters.years)).map { city.parameters.firstYear + $0 }
    }
}
