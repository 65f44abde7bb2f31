public import EventLoop
public import GRPC
import GRPCCore
import Messages

/// A server on its own loop thread, bound to port 0, for tests that go over a real socket.
public final class LiveServer: Sendable {
    public let thread = EventLoopThread()
    nonisolated(unsafe) public private(set) var server: Server!  // set once, on the loop, before init returns
    public let port: Int

    public init(
        services: [any RegistrableService], configure: @Sendable (inout Server.Configuration) -> Void = { _ in }
    )
        async throws
    {
        let thread = self.thread
        var configuration = Server.Configuration()
        configuration.port = 0
        configure(&configuration)
        let config = configuration
        let (server, port) = try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<(UncheckedBox<Server>, Int), any Error>) in
            thread.loop.execute {
                let server = Server(loop: thread.loop, configuration: config, services: services)
                do {
                    let address = try server.start()
                    continuation.resume(returning: (UncheckedBox(server), address.port))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
        self.server = server.value
        self.port = port
    }

    public func channel() throws -> Channel {
        try Channel(host: "127.0.0.1", port: port)
    }

    /// Runs `body` on the server's loop and returns its result.
    public func onLoop<T: Sendable>(_ body: @escaping @Sendable (Server) -> T) async -> T {
        let server = UncheckedBox(self.server!)
        return await withCheckedContinuation { continuation in
            thread.loop.execute { continuation.resume(returning: body(server.value)) }
        }
    }

    /// Graceful shutdown; returns whether the loop then closed with no handle left open.
    public func stop() async -> Bool {
        let server = UncheckedBox(self.server!)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            thread.loop.execute { server.value.shutdown { continuation.resume() } }
        }
        return thread.shutDown()
    }
}

/// Carries a loop-confined object across a thread hop we know is safe.
public struct UncheckedBox<T>: @unchecked Sendable {
    public let value: T
    public init(_ value: T) { self.value = value }
}
