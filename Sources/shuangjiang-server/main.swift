// shuangjiang-server: the Shuangjiang services on one libuv loop and one port. Wiring only:
// options, storage, services, health and reflection, the server, signals. See --help.
import EventLoop
import GRPC
import Intake
import StandardServices
import Storage

#if canImport(Glibc)
    import Glibc
#endif

let options = ServerOptions.parse(Array(CommandLine.arguments.dropFirst()))

let database: Database
do {
    if options.inMemory {
        database = try Database.inMemory(migrations: IntakeSchema.migrations)
    } else {
        if mkdir(options.dataDirectory, 0o755) != 0 && errno != EEXIST {
            ServerOptions.fail("cannot create --data-dir \(options.dataDirectory): errno \(errno)")
        }
        database = try Database.open(
            path: options.dataDirectory + "/intake.sqlite", migrations: IntakeSchema.migrations)
    }
} catch {
    ServerOptions.printError("shuangjiang-server: cannot open the intake database: \(error)")
    exit(1)
}

var configuration = Server.Configuration()
configuration.host = options.host
configuration.port = options.port

let loop = EventLoop()
let health = HealthService(loop: loop)
let services: [any RegistrableService] = [IntakeService(database: database), health]
let server = Server(
    loop: loop, configuration: configuration, services: services + [ReflectionService(services: services)])
do {
    let address = try server.start()
    health.attach(to: server)
    print("shuangjiang-server listening on \(address.host):\(address.port)")
    fflush(nil)
} catch {
    ServerOptions.printError("shuangjiang-server: cannot listen on \(options.host):\(options.port): \(error)")
    database.close()
    exit(1)
}

server.shutDownOnSignals()
loop.run()
// Only after the last call finished: nothing can still be waiting on a write.
database.close()
exit(loop.close() ? 0 : 1)
