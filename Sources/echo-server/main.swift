// echo-server --port N: serves bench.Echo/Unary for `make bench`. Port 0 prints the bound port.
import EventLoop
import GRPC
import Messages

#if canImport(Glibc)
    import Glibc
#endif

struct EchoService: RegistrableService {
    var methods: [ServerMethod] {
        [
            .unary(
                MethodDescriptor(service: "bench.Echo", method: "Unary", kind: .unary), Bench.Msg.self, Bench.Msg.self
            ) { request, _ in request }
        ]
    }
}

var configuration = Server.Configuration()
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--port": configuration.port = Int(arguments.popFirst() ?? "") ?? 50051
    case "--host": configuration.host = arguments.popFirst() ?? configuration.host
    default:
        print("usage: echo-server [--host H] [--port N]")
        exit(2)
    }
}
let loop = EventLoop()
let server = Server(loop: loop, configuration: configuration, services: [EchoService()])
do {
    let address = try server.start()
    // Watched before the line that says the server is up (a SIGTERM right after it would
    // otherwise kill it).
    server.shutDownOnSignals()
    print("echo-server listening on \(address.host):\(address.port)")
    fflush(nil)
} catch {
    print("echo-server: \(error)")
    exit(1)
}
loop.run()
loop.close()
