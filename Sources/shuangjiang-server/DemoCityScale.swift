import SyntheticCity

/// How big a city `--demo-city` loads. `full` is the city docs/synthetic-city.md describes (three
/// years, about 5,000 case records: what `make run` shows); `small` is the test-sized city
/// (two years, 4 regions, about 350 case records), for the end-to-end suite and a quick cluster.
/// Both use seed 1, so the same scale always loads the same city.
enum DemoCityScale: String, CaseIterable {
    case full
    case small

    var parameters: CityParameters {
        switch self {
        case .full: CityParameters(seed: 1)
        case .small: .small(seed: 1)
        }
    }
}
