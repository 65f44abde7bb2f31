import Messages
import SyntheticCity
import Testing

@Suite struct DeterminismTests {
    @Test func theSameSeedGivesByteIdenticalRequests() throws {
        let parameters = CityParameters.small(seed: 42)
        let first = SyntheticCity(parameters)
        let second = SyntheticCity(parameters)
        #expect(first.timeline == second.timeline)
        #expect(first.cases == second.cases)
        #expect(try RequestFingerprint.of(first) == RequestFingerprint.of(second))
    }

    @Test func differentSeedsGiveDifferentCities() throws {
        let one = SyntheticCity(.small(seed: 1))
        let two = SyntheticCity(.small(seed: 2))
        #expect(try RequestFingerprint.of(one) != RequestFingerprint.of(two))
        #expect(one.cases.map(\.template.docketNumber) != two.cases.map(\.template.docketNumber))
    }

    @Test func requestIdsAreUniqueAndCarryTheSeed() {
        let city = SyntheticCity(.small(seed: 0xBEEF))
        var ids = city.regions.map(\.requestId) + city.agencies.map(\.template.requestId)
        ids += city.cases.flatMap { [$0.template.requestId] + $0.events.map(\.requestId) }
        ids += city.opinions.flatMap { [$0.template.requestId] + $0.milestones.map(\.requestId) }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.hasPrefix("syn-beef-") && $0.utf8.count <= 128 })
    }
}
