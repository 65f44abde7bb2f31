import EventLoop
public import GRPC
import Messages

extension HealthService {
    /// Follows `server`'s lifecycle: once it serves, every hosted service without a status of its
    /// own becomes SERVING; once a graceful shutdown begins, everything is NOT_SERVING, so
    /// Kubernetes and load balancers stop sending traffic while calls in flight finish.
    /// Loop thread only; call before or after `start()`.
    public func attach(to server: Server) {
        loop.assertInEventLoop()
        precondition(server.loop === loop, "a HealthService must run on its server's loop")
        let services = [""] + server.serviceNames
        let follow = { [self] (state: Server.State) in
            switch state {
            case .idle: break
            case .serving:
                // A status the application set before the server started is its to keep.
                for service in services where status(for: service) == nil { update(.serving, for: service) }
            case .draining, .stopped: beginDraining(services)
            }
        }
        follow(server.state)
        server.onStateChange(follow)
    }
}
