public import EventLoop
public import GRPC
import GRPCCore
public import Messages
public import Stubs

/// `grpc.health.v1.Health`: a serving status per service name, `""` standing for the whole
/// server (SERVING from the start, as in grpc-go and grpc-java).
///
/// Statuses live on the server's loop, so handlers read them without locks; ``setStatus(_:for:)``
/// may be called from any thread and hops there. ``attach(to:)`` ties the statuses to the
/// server's lifecycle, so probes fail as soon as a graceful shutdown begins.
public final class HealthService: Grpc.Health.V1.Health.ServiceProtocol, @unchecked Sendable {
    // Sendable because every `var` below is touched on `loop` only, where the handlers run too.
    public typealias ServingStatus = Grpc.Health.V1.HealthCheckResponse.ServingStatus

    /// The server's loop.
    public let loop: EventLoop
    private var statuses: [String: ServingStatus] = ["": .serving]
    /// Bumped on every change, so a watcher that was busy writing notices what it missed.
    private var generation: UInt64 = 0
    private var watchers: [Int: Watcher] = [:]
    private var nextWatcherID = 0
    /// Set once the server drains: statuses are frozen and Watch streams end.
    private var isDraining = false

    private struct Watcher {
        let service: String
        let wake: CheckedContinuation<Void, Never>
    }

    public init(loop: EventLoop) {
        self.loop = loop
    }

    /// Sets a service's status and tells its watchers. Callable from any thread. Ignored once the
    /// server is draining, so a late update cannot bring a shutting-down server back into rotation.
    public func setStatus(_ status: ServingStatus, for service: String) {
        if loop.inEventLoop {
            update(status, for: service)
        } else {
            loop.execute { [self] in update(status, for: service) }
        }
    }

    /// The current status of a service; nil if it has none. Loop thread only.
    public func status(for service: String) -> ServingStatus? {
        loop.assertInEventLoop()
        return statuses[service]
    }

    /// Watch calls waiting for a change (for tests). Loop thread only.
    var watcherCount: Int { watchers.count }

    // MARK: Handlers

    public func check(
        _ request: Grpc.Health.V1.HealthCheckRequest, context: ServerContext
    ) async throws -> Grpc.Health.V1.HealthCheckResponse {
        loop.assertInEventLoop()
        guard let status = statuses[request.service] else {
            throw RPCError(code: .notFound, message: "unknown service \"\(request.service)\"")
        }
        return Self.response(status)
    }

    /// Sends the current status, then each change, until the client goes away or the server
    /// drains. An unknown service reads SERVICE_UNKNOWN until it gets a status.
    public func watch(
        _ request: Grpc.Health.V1.HealthCheckRequest, response: ResponseWriter<Grpc.Health.V1.HealthCheckResponse>,
        context: ServerContext
    ) async throws {
        loop.assertInEventLoop()
        var sent: ServingStatus?
        while true {
            let seen = generation
            let current = statuses[request.service] ?? .serviceUnknown
            if current != sent {
                try await response.write(Self.response(current))
                sent = current
            }
            // Ending lets the server's drain finish without waiting out its grace period.
            if isDraining && generation == seen { return }
            try await changes(to: request.service, since: seen)
        }
    }

    // MARK: Loop side

    func update(_ status: ServingStatus, for service: String) {
        loop.assertInEventLoop()
        guard !isDraining, statuses[service] != status else { return }
        statuses[service] = status
        generation &+= 1
        for (id, watcher) in watchers where watcher.service == service {
            watchers[id] = nil
            watcher.wake.resume()
        }
    }

    /// Everything NOT_SERVING, for good: the server has begun a graceful shutdown.
    func beginDraining(_ services: [String]) {
        loop.assertInEventLoop()
        guard !isDraining else { return }
        for service in Set(services).union(statuses.keys) { update(.notServing, for: service) }
        isDraining = true
        generation &+= 1
        let waiting = watchers.values
        watchers = [:]
        for watcher in waiting { watcher.wake.resume() }
    }

    /// Suspends until `service` may have changed after `seen`; throws if the call is cancelled.
    private func changes(to service: String, since seen: UInt64) async throws {
        guard generation == seen else { return }
        let id = nextWatcherID
        nextWatcherID += 1
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // Runs on the loop, so it is ordered with the onCancel hop below.
                if Task.isCancelled {
                    continuation.resume()
                } else {
                    watchers[id] = Watcher(service: service, wake: continuation)
                }
            }
        } onCancel: {
            loop.execute { [self] in watchers.removeValue(forKey: id)?.wake.resume() }
        }
        try Task.checkCancellation()
    }

    private static func response(_ status: ServingStatus) -> Grpc.Health.V1.HealthCheckResponse {
        var response = Grpc.Health.V1.HealthCheckResponse()
        response.status = status
        return response
    }
}
