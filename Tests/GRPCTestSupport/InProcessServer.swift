public import EventLoop
public import GRPC
import Synchronization

/// A server on its own loop thread that binds no port, and channels to it over the in-process
/// transport: the same calls as ``LiveServer`` through the same HTTP/2 code, without a socket.
///
/// Its channels run on the server's loop, so they cannot outlive it: ``stop()`` closes them once
/// the server has drained, and they must not be used after.
public final class InProcessServer: Sendable {
    public let thread = EventLoopThread()
    nonisolated(unsafe) public private(set) var server: Server!  // set once, on the loop, before init returns
    public let endpoint: InProcessEndpoint
    private let channels = Mutex<[Channel]>([])

    public init(
        services: [any RegistrableService], configure: @Sendable (inout Server.Configuration) -> Void = { _ in }
    ) async {
        let thread = self.thread
        let endpoint = InProcessEndpoint(loop: thread.loop)
        self.endpoint = endpoint
        var configuration = Server.Configuration()
        configure(&configuration)
        let config = configuration
        let server = await withCheckedContinuation { (continuation: CheckedContinuation<UncheckedBox<Server>, Never>) in
            thread.loop.execute {
                let server = Server(loop: thread.loop, configuration: config, services: services)
                server.startWithoutListener()
                server.serve(endpoint)
                continuation.resume(returning: UncheckedBox(server))
            }
        }
        self.server = server.value
    }

    /// A new channel, with a connection of its own, on the server's loop.
    public func channel(configuration: Channel.Configuration = Channel.Configuration()) -> Channel {
        let channel = Channel(inProcess: endpoint, configuration: configuration)
        channels.withLock { $0.append(channel) }
        return channel
    }

    /// Runs `body` on the server's loop and returns its result.
    public func onLoop<T: Sendable>(_ body: @escaping @Sendable (Server) -> T) async -> T {
        let server = UncheckedBox(self.server!)
        return await withCheckedContinuation { continuation in
            thread.loop.execute { continuation.resume(returning: body(server.value)) }
        }
    }

    /// Graceful shutdown (calls in flight may finish), then closes the channels; returns whether
    /// the loop then closed with no handle left open.
    public func stop() async -> Bool {
        let server = UncheckedBox(self.server!)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            thread.loop.execute { server.value.shutdown { continuation.resume() } }
        }
        for channel in channels.withLock({ $0 }) { channel.close() }
        return thread.shutDown()
    }
}
