// interop-server: grpc.testing.TestService per the gRPC interop test descriptions, plus health and
// reflection, for the interop tests in `make test`.
//
//   interop-server [--host H] [--port N] [--max-receive-bytes N]
//
// Port 0 lets the kernel choose; the first line printed names the bound address either way.
import EventLoop
import GRPC
import StandardServices

#if canImport(Glibc)
    import Glibc
#endif

var configuration = Server.Configuration()
configuration.port = 50052
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--port", "--server_port":
        guard let port = arguments.popFirst().flatMap({ Int($0) }) else { usage() }
        configuration.port = port
    case "--host": configuration.host = arguments.popFirst() ?? configuration.host
    case "--max-receive-bytes":
        guard let limit = arguments.popFirst().flatMap({ Int($0) }) else { usage() }
        configuration.maxReceiveMessageSize = limit
    case "--grace-seconds":
        guard let seconds = arguments.popFirst().flatMap({ Int($0) }) else { usage() }
        configuration.shutdownGracePeriod = .seconds(seconds)
    case "-h", "--help": usage(status: 0)
    default: usage()
    }
}

func usage(status: Int32 = 2) -> Never {
    print(
        """
        usage: interop-server [--host H] [--port N] [--max-receive-bytes N] [--grace-seconds N]
          Serves grpc.testing.TestService, grpc.health.v1.Health and server reflection.
          --port 0 picks a free port; the first line of output names the bound address.
        """)
    exit(status)
}

let loop = EventLoop()
let health = HealthService(loop: loop)
let services: [any RegistrableService] = [TestService(), health]
let server = Server(
    loop: loop, configuration: configuration, services: services + [ReflectionService(services: services)])
do {
    let address = try server.start()
    health.attach(to: server)
    // Watched before the line that says the server is up (a SIGTERM right after it would
    // otherwise kill it).
    server.shutDownOnSignals()
    print("interop-server listening on \(address.host):\(address.port)")
    fflush(nil)
} catch {
    print("interop-server: \(error)")
    exit(1)
}
loop.run()
exit(loop.close() ? 0 : 1)
