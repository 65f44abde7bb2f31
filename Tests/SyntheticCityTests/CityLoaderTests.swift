import CityLoader
import GRPC
import GRPCTestSupport
import Intake
import Messages
import SharedDomain
import Storage
import Stubs
import SyntheticCity
import Testing

@Suite struct CityLoaderTests {
    /// What `make run --demo-city` does, on a small city: everything lands, nothing is refused,
    /// and loading again writes nothing twice.
    @Test func aCityLoadsThroughIntakesPublicAPIAndLoadingAgainChangesNothing() async throws {
        let city = SyntheticCity(.small(seed: 3))
        let database = try Database.inMemory(migrations: IntakeSchema.migrations)
        let server = await InProcessServer(services: [IntakeService(database: database, clock: ManualClock(city.now))])
        let loader = CityLoader(channel: server.channel())
        #expect(try await loader.intakeIsEmpty())

        let summary = try await loader.load(city)
        #expect(summary.rejections.isEmpty, "\(summary.rejections.prefix(3))")
        #expect(summary.regions == city.regions.count)
        #expect(summary.agencies == city.agencies.count)
        #expect(summary.cases == city.cases.count)
        #expect(summary.opinions == city.opinions.count)
        #expect(try await !loader.intakeIsEmpty())

        let head = database.lastCommittedSequence
        let again = try await loader.load(city)
        #expect(again.cases == city.cases.count, "replayed rows are accepted as replays")
        #expect(database.lastCommittedSequence == head, "a second load writes nothing")
        #expect(await server.stop())
        database.close()
    }
}
