import EventLoop
import GRPC
import StandardServices

/// A server on port 0 hosting bench.Echo, health and reflection on a loop thread of its own, and
/// a channel to it. `run` always tears everything down, even when the test body fails.
final class LiveServer: @unchecked Sendable {  // `server` is touched on the loop thread only
    let thread: EventLoopThread
    let server: Server
    let health: HealthService
    let channel: Channel

    private init(thread: EventLoopThread, server: Server, health: HealthService, port: Int) throws {
        self.thread = thread
        self.server = server
        self.health = health
        self.channel = try Channel(host: "127.0.0.1", port: port)
    }

    static func run(
        shutdownGracePeriod: Duration = .seconds(10), _ body: (LiveServer) async throws -> Void
    ) async throws {
        let thread = EventLoopThread()
        let live: LiveServer
        do {
            live = try await withCheckedThrowingContinuation { continuation in
                thread.loop.execute {
                    var configuration = Server.Configuration()
                    configuration.port = 0
                    configuration.shutdownGracePeriod = shutdownGracePeriod
                    let health = HealthService(loop: thread.loop)
                    let services: [any RegistrableService] = [EchoService(), health]
                    let server = Server(
                        loop: thread.loop, configuration: configuration,
                        services: services + [ReflectionService(services: services)])
                    health.attach(to: server)
                    continuation.resume(
                        with: Result {
                            let address = try server.start()
                            return try LiveServer(thread: thread, server: server, health: health, port: address.port)
                        })
                }
            }
        } catch {
            thread.shutDown()
            throw error
        }
        do {
            try await body(live)
        } catch {
            await live.stop()
            throw error
        }
        await live.stop()
    }

    /// Runs `work` on the server's loop and returns its result.
    func onLoop<T: Sendable>(_ work: @escaping @Sendable (LiveServer) -> T) async -> T {
        await withCheckedContinuation { continuation in
            thread.loop.execute { continuation.resume(returning: work(self)) }
        }
    }

    private func stop() async {
        channel.close()
        await withCheckedContinuation { continuation in
            thread.loop.execute { self.server.shutdown { continuation.resume() } }
        }
        thread.shutDown()
    }
}
