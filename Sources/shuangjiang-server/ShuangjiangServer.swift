// shuangjiang-server: any subset of the Shuangjiang services on one libuv loop and one port.
// Wiring only: options, the services this build has, the host, signals. See --help.
import Accountability
import ArgumentParser
import Assessment
import CityLoader
import EventLoop
import Foundation
import GRPC
import Intake
import Logging
import ServiceKit
import SyntheticCity

#if canImport(Glibc)
    import Glibc
#endif

@main
struct ShuangjiangServer: ParsableCommand {
    /// Every service this build can run, upstreams before the services that follow them.
    static func available(
        rules: Reloadable<AssessmentRules> = Reloadable(AssessmentRules()),
        accountability: Reloadable<AccountabilityRules> = Reloadable(AccountabilityRules())
    ) -> [ServiceDefinition] {
        [
            IntakeService.definition, AssessmentService.definition(rules: rules),
            AccountabilityService.definition(rules: accountability),
        ]
    }

    static var serviceNames: [String] { available().map(\.name) }

    static let configuration = CommandConfiguration(
        commandName: "shuangjiang-server",
        abstract: "Runs the Shuangjiang (双降) gRPC services, with gRPC health and server reflection.",
        discussion: """
            Services in this build: \(available().map { "\($0.name) (\($0.summary))" }.joined(separator: "; ")).

            The first line on standard output is always "shuangjiang-server listening on HOST:PORT"; logs go to \
            standard error. Each service keeps its own SQLite database, DIR/<service>.sqlite.

            Stop it with Ctrl-C or SIGTERM: it stops accepting calls, stops background work, lets calls in flight \
            finish (up to 10 s), then closes the databases. An acknowledged write is already on disk, so even \
            kill -9 loses nothing.

            Every option can also come from the environment (SJ_HOST, SJ_PORT, SJ_DATA_DIR, SJ_IN_MEMORY=1, \
            SJ_SERVICES, SJ_INTAKE_ADDRESS, SJ_ASSESSMENT_ADDRESS, SJ_CONFIG, SJ_TIME_ZONE, SJ_LOG_FORMAT, SJ_LOG_LEVEL, \
            SJ_ACCESS_LOG=1, SJ_DEMO_CITY=1, SJ_DEMO_CITY_SCALE) or from the configuration file's "server" section (the same names with \
            underscores: {"server": {"port": 50051, "data_dir": "/var/lib/shuangjiang"}}). A flag wins over the \
            environment, and both over the file. The resolved settings, and where each came from, are logged at start.

            SIGHUP reloads the configuration file's rules (thresholds, the escalation ladder, what accountability \
            opens) and logs each setting that changed; a file that does not parse is refused and the old rules \
            stay. The "server" section is read only at start.

            Example:
              shuangjiang-server --port 50051 --data-dir ./data --log-format text
              shuangjiang-server --services assessment --port 50052 --intake-address 127.0.0.1:50051
              shuangjiang-server --services accountability --port 50053 --assessment-address 127.0.0.1:50052 \
                --intake-address 127.0.0.1:50051
              grpcurl -plaintext localhost:50051 list
            """)

    @Option(help: "Address to listen on; 0.0.0.0 or :: for every interface. (default: 127.0.0.1)")
    var host: String?

    @Option(help: "Port to listen on; 0 lets the system choose. (default: 50051)")
    var port: Int?

    @Option(
        name: .customLong("data-dir"),
        help: "Where each service keeps its database. Created if missing. (default: ./data)")
    var dataDirectory: String?

    @Flag(name: .customLong("in-memory"), help: "Keep data in temporary databases deleted on exit (tests, demos).")
    var inMemory = false

    @Option(help: "Comma-separated services to run. (default: all of \(serviceNames.joined(separator: ",")))")
    var services: String?

    @Option(
        name: .customLong("intake-address"),
        help: "Where intake is served, HOST:PORT, when this process runs assessment or accountability without intake.")
    var intakeAddress: String?

    @Option(
        name: .customLong("assessment-address"),
        help: "Where assessment is served, HOST:PORT, when this process runs accountability without assessment.")
    var assessmentAddress: String?

    @Option(
        name: .customLong("config"),
        help:
            "A JSON rules file: warning thresholds, the escalation line and ladder, what accountability opens by itself (see docs/assessment.md, docs/accountability.md)."
    )
    var config: String?

    @Option(
        name: .customLong("time-zone"), help: "The city's time zone for dates and periods. (default: Asia/Shanghai)")
    var timeZone: String?

    @Option(name: .customLong("log-format"), help: "json (one object per line) or text. (default: json)")
    var logFormat: String?

    @Option(
        name: .customLong("log-level"),
        help: "trace, debug, info, notice, warning, error or critical. (default: info)")
    var logLevel: String?

    @Flag(name: .customLong("access-log"), help: "Log every call, not only failed ones.")
    var accessLog = false

    @Flag(
        name: .customLong("demo-city"),
        help: "When intake runs here and holds nothing yet, load the synthetic demo city (docs/synthetic-city.md).")
    var demoCity = false

    @Option(
        name: .customLong("demo-city-scale"),
        help: "full (3 years, about 5,000 case records) or small (2 years, 4 regions, for tests). (default: full)")
    var demoCityScale: String?

    func upstreamAddress(_ service: String) -> String? {
        service == "intake" ? intakeAddress : service == "assessment" ? assessmentAddress : nil
    }

    func run() throws {
        let settings = try Settings(self)
        let logger = settings.host.log.logger("server")
        logger.info("configuration (flag > environment > file > default)", metadata: settings.startupMetadata)
        let loop = EventLoop()
        let rules = RulesReloader(settings: settings, logger: logger)
        let host: ServiceHost
        let address: SocketAddress
        do {
            host = try ServiceHost(
                loop: loop, definitions: Self.available(rules: rules.assessment, accountability: rules.accountability),
                selected: settings.services, configuration: settings.host)
            address = try host.start()
        } catch {
            Self.printError("shuangjiang-server: \(error)")
            throw ExitCode(1)
        }
        // Signals are watched before the line that says the server is up: whoever starts it may
        // send SIGTERM as soon as it reads that line, and the default action would kill it.
        let hangUp = SignalWatcher(loop: loop, signal: SIGHUP) { rules.reload() }
        host.shutDownOnSignals {
            hangUp.close()
            loop.stop()
        }
        print("shuangjiang-server listening on \(address.host):\(address.port)")
        fflush(nil)
        if settings.demoCity && settings.services.contains("intake") {
            var marker: String?
            if case .directory(let directory) = settings.host.storage { marker = directory + "/demo-city.loading" }
            Self.loadDemoCity(port: address.port, scale: settings.demoCityScale, marker: marker)
        }
        loop.run(untilStopped: true)
        if !loop.close() { throw ExitCode(1) }
    }

    /// Loads the demo city through intake's own API, in the background, when intake is empty: a
    /// second `make run` reuses the data it already has. Progress goes to standard error.
    ///
    /// A load stopped half-way (Ctrl-C during the first `make run`) is finished by the next start:
    /// `marker`, a file beside the databases, exists from the start of a load until it completes,
    /// and the loader's requests are idempotent, so running it again writes only what is missing.
    /// Intake data without the marker is never topped up with the demo city.
    static func loadDemoCity(port: Int, scale: DemoCityScale, marker: String?) {
        Task.detached {
            do {
                let channel = try Channel(host: "127.0.0.1", port: port)
                defer { channel.close() }
                let loader = CityLoader(channel: channel)
                let unfinished = marker.map { FileManager.default.fileExists(atPath: $0) } ?? false
                let empty = try await loader.intakeIsEmpty()
                guard unfinished || empty else {
                    printError("shuangjiang-server: intake already holds data; the demo city is not loaded again")
                    return
                }
                if let marker,
                    !FileManager.default.createFile(atPath: marker, contents: Data("\(scale.rawValue)\n".utf8))
                {
                    printError("shuangjiang-server: cannot write \(marker); an interrupted load would not be resumed")
                }
                let city = SyntheticCity(scale.parameters)
                let which = "\(scale.rawValue), seed 1; docs/synthetic-city.md"
                let verb = unfinished ? "finishing the interrupted load of" : "loading"
                printError("shuangjiang-server: \(verb) the synthetic demo city 淮州市 (\(which))…")
                let summary = try await loader.load(city) { printError("shuangjiang-server: demo city: \($0)") }
                if let marker { try? FileManager.default.removeItem(atPath: marker) }
                printError("shuangjiang-server: demo city loaded: \(summary)")
            } catch {
                printError("shuangjiang-server: the demo city could not be loaded: \(error)")
            }
        }
    }

    /// Writes a line to standard error unbuffered, so it is not lost on exit.
    static func printError(_ line: String) {
        var text = line + "\n"
        text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }
}
