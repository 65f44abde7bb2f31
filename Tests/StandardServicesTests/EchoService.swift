import GRPC
import Messages
import Stubs

/// A hosted service for the health and reflection tests to find.
struct EchoService: Bench.Echo.ServiceProtocol {
    func unary(_ request: Bench.Msg, context: ServerContext) async throws -> Bench.Msg {
        request
    }
}
