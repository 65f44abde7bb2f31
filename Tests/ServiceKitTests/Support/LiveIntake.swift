import GRPC
import GRPCTestSupport
import Intake
import Messages
import Storage
import Stubs

/// An intake service in this process on port 0, over an in-memory database.
struct LiveIntake {
    let database: Database
    let live: LiveServer
    let channel: Channel
    let client: Shuangjiang.Intake.V1.IntakeService.Client

    static func start() async throws -> LiveIntake {
        let database = try Database.inMemory(migrations: IntakeSchema.migrations)
        // A short grace period: a watch never ends on its own, so shutdown would wait it out.
        let live = try await LiveServer(services: [IntakeService(database: database)]) {
            $0.shutdownGracePeriod = .milliseconds(100)
        }
        let channel = try Channel(host: "127.0.0.1", port: live.port, configuration: .quickReconnect)
        return LiveIntake(
            database: database, live: live, channel: channel,
            client: Shuangjiang.Intake.V1.IntakeService.Client(channel: channel))
    }

    /// A channel of its own, as a follower in another service would have; the caller closes it.
    func newChannel() throws -> Channel {
        try Channel(host: "127.0.0.1", port: live.port, configuration: .quickReconnect)
    }

    /// Stops the server (and closes the database); clients see it go away.
    func stop() async {
        channel.close()
        _ = await live.stop()
        database.close()
    }
}
