public import EventLoop
import GRPC
public import ServiceKit

/// A ServiceHost on a loop thread of its own, on port 0, for tests of whole services as the
/// server binary runs them (health, logs, background tasks, shutdown order).
public final class HostedServices: Sendable {
    public let thread = EventLoopThread()
    nonisolated(unsafe) public private(set) var host: ServiceHost!  // set once, before init returns
    public let port: Int

    public init(
        _ definitions: [ServiceDefinition], selected: [String]? = nil,
        configure: @Sendable (inout ServiceHost.Configuration) -> Void = { _ in }
    ) async throws {
        var configuration = ServiceHost.Configuration()
        configuration.storage = .inMemory
        configuration.server.port = 0
        configure(&configuration)
        let config = configuration
        let selected = selected ?? definitions.map(\.name)
        let loop = thread.loop
        let (host, port) = try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<(UncheckedBox<ServiceHost>, Int), any Error>) in
            loop.execute {
                do {
                    let host = try ServiceHost(
                        loop: loop, definitions: definitions, selected: selected, configuration: config)
                    let address = try host.start()
                    continuation.resume(returning: (UncheckedBox(host), address.port))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
        self.host = host.value
        self.port = port
    }

    /// The ordered shutdown; returns whether the loop then closed with no handle left.
    public func stop() async -> Bool {
        let host = UncheckedBox(self.host!)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            thread.loop.execute { host.value.shutdown { continuation.resume() } }
        }
        return thread.shutDown()
    }
}
