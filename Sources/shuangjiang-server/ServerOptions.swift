#if canImport(Glibc)
    import Glibc
#endif

/// The command line, parsed. Every problem is reported in plain words and exits with status 2.
struct ServerOptions {
    /// Services this build can run, and the ones announced but not built yet.
    static let available = ["intake"]
    static let planned = ["assessment", "accountability"]

    var host = "127.0.0.1"
    var port = 50051
    var dataDirectory = "./data"
    var inMemory = false
    var services = ["intake"]

    static let usage = """
        usage: shuangjiang-server [--host ADDRESS] [--port N] [--data-dir DIR | --in-memory]
                                  [--services intake[,assessment,accountability]]

        Runs the Shuangjiang (双降) gRPC services on one port, with the standard gRPC health service
        and server reflection, so grpcurl and any gRPC client work out of the box.

          --host ADDRESS   address to listen on (default 127.0.0.1; use 0.0.0.0 or :: for all)
          --port N         port to listen on (default 50051); 0 lets the system choose. The first
                           line printed is always "shuangjiang-server listening on HOST:PORT".
          --data-dir DIR   where each service keeps its SQLite database (default ./data; intake
                           uses DIR/intake.sqlite). Created if missing.
          --in-memory      keep data in a temporary database deleted on exit (for tests and demos)
          --services LIST  comma-separated services to run (default intake). Only intake exists
                           in this build; assessment and accountability are coming.
          -h, --help       show this help

        Stop it with Ctrl-C or SIGTERM: calls in flight finish (up to 10 s), then the databases
        close cleanly. An acknowledged write is already on disk, so even kill -9 loses nothing.

        Try it:  grpcurl -plaintext localhost:50051 list
        """

    static func parse(_ arguments: [String]) -> ServerOptions {
        var options = ServerOptions()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--host":
                options.host = value(of: argument, &rest)
            case "--port":
                let text = value(of: argument, &rest)
                guard let port = Int(text), (0...65535).contains(port) else {
                    fail("--port needs 0-65535, not \(text)")
                }
                options.port = port
            case "--data-dir":
                options.dataDirectory = value(of: argument, &rest)
            case "--in-memory":
                options.inMemory = true
            case "--services":
                let names = value(of: argument, &rest).split(separator: ",").map {
                    String($0).trimmingSpaces()
                }
                for name in names where !available.contains(name) {
                    if planned.contains(name) {
                        fail(
                            "the \(name) service is not part of this build yet; available: \(available.joined(separator: ", "))"
                        )
                    }
                    fail("unknown service \"\(name)\"; available: \(available.joined(separator: ", "))")
                }
                guard !names.isEmpty else { fail("--services needs at least one service") }
                options.services = names
            case "-h", "--help":
                print(usage)
                exit(0)
            default:
                fail("unknown option \(argument)")
            }
        }
        return options
    }

    private static func value(of option: String, _ rest: inout ArraySlice<String>) -> String {
        guard let value = rest.popFirst() else { fail("\(option) needs a value") }
        return value
    }

    static func fail(_ message: String) -> Never {
        printError("shuangjiang-server: \(message)\n\n\(usage)")
        exit(2)
    }

    /// Writes a line to standard error (unbuffered, so it is not lost on exit).
    static func printError(_ line: String) {
        var text = line + "\n"
        text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
