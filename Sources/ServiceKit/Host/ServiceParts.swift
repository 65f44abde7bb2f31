public import GRPC

/// What a service contributes to the server: its gRPC services and the work it runs beside them
/// (feed followers, deadline timers).
public struct ServiceParts: Sendable {
    public var services: [any RegistrableService]
    public var tasks: [any BackgroundTask]

    public init(services: [any RegistrableService], tasks: [any BackgroundTask] = []) {
        self.services = services
        self.tasks = tasks
    }
}
