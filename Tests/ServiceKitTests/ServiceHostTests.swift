import EventLoop
import GRPC
import GRPCCore
import GRPCTestSupport
import Logging
import Messages
import ServiceKit
import Storage
import Stubs
import Synchronization
import Testing

/// Echoes, and fails with a storage error for the payload "fail" (a server fault, for the log).
struct Echo: Bench.Echo.ServiceProtocol {
    func unary(_ request: Bench.Msg, context: ServerContext) async throws -> Bench.Msg {
        if request.payload == Array("fail".utf8) {
            throw StorageError.sqlite(code: 1, message: "no such table: x", sql: "SELECT * FROM x")
        }
        return request
    }
}

/// What the tests' background tasks saw, in order.
final class Journal: Sendable {
    private let entries = Mutex<[String]>([])
    func add(_ entry: String) { entries.withLock { $0.append(entry) } }
    var all: [String] { entries.withLock { $0 } }
}

/// Calls alpha over the channel the host hands out, then waits to be cancelled and writes to its
/// own database on the way out: the database must still be open then.
struct Caller: BackgroundTask {
    let name = "caller"
    let environment: ServiceEnvironment
    let journal: Journal

    func run() async throws {
        let echo = Bench.Echo.Client(channel: try environment.channel(to: "alpha"))
        var message = Bench.Msg()
        message.payload = Array("hi".utf8)
        let reply = try await echo.unary(message)
        journal.add("called alpha: \(String(decoding: reply.payload, as: UTF8.self))")
        while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(5)) }
        try await environment.database.write { tx in
            try tx.execute("INSERT INTO notes (text) VALUES ('stopping')")
        }
        journal.add("stopped, note written")
    }
}

@Suite struct ServiceHostTests {
    static let alpha = ServiceDefinition(name: "alpha", summary: "echo", migrations: []) { _ in
        ServiceParts(services: [Echo()])
    }

    static func beta(_ journal: Journal) -> ServiceDefinition {
        ServiceDefinition(
            name: "beta", summary: "calls alpha",
            migrations: [
                Migration(name: "beta.1", sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
            ],
            upstreams: ["alpha"]
        ) { environment in
            ServiceParts(services: [], tasks: [Caller(environment: environment, journal: journal)])
        }
    }

    @Test func healthNamesEveryHostedServiceAndTheWholeServer() async throws {
        let hosted = try await HostedServices([Self.alpha])
        let channel = try Channel(host: "127.0.0.1", port: hosted.port)
        let health = Grpc.Health.V1.Health.Client(channel: channel)
        for service in ["", "bench.Echo"] {
            var request = Grpc.Health.V1.HealthCheckRequest()
            request.service = service
            #expect(try await health.check(request).status == .serving)
        }
        channel.close()
        #expect(await hosted.stop())
    }

    @Test func anUnknownServiceIsRefusedNamingTheServicesThereAre() {
        let error = #expect(throws: HostError.self) {
            try ServiceHost(
                loop: EventLoop(), definitions: [Self.alpha], selected: ["alpah"], configuration: .init())
        }
        #expect(error?.description == "unknown service \"alpah\"; this build has alpha")
    }

    @Test func aServiceWhoseUpstreamIsNeitherHereNorAddressedIsRefused() {
        let error = #expect(throws: HostError.self) {
            try ServiceHost(
                loop: EventLoop(), definitions: [Self.alpha, Self.beta(Journal())], selected: ["beta"],
                configuration: .init())
        }
        #expect(error?.description.hasPrefix("beta follows alpha: run alpha in this process too") == true)
    }

    /// The task reaches alpha in memory, and on shutdown it is stopped before the databases close:
    /// its last write lands.
    @Test func backgroundTasksReachUpstreamsHereAndStopBeforeTheDatabasesClose() async throws {
        let journal = Journal()
        let hosted = try await HostedServices([Self.alpha, Self.beta(journal)])
        let deadline = ContinuousClock.now + .seconds(10)
        while journal.all.isEmpty && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(journal.all == ["called alpha: hi"])
        #expect(await hosted.stop())
        #expect(journal.all == ["called alpha: hi", "stopped, note written"])
    }

    @Test func aServerFaultIsLoggedWithItsCauseAndTheAccessLogNamesEveryCall() async throws {
        let capture = LogSink.Capture()
        let hosted = try await HostedServices([Self.alpha]) { configuration in
            configuration.log = LogOptions(format: .json, level: .info, accessLog: true, sink: capture.sink)
        }
        let channel = try Channel(host: "127.0.0.1", port: hosted.port)
        let echo = Bench.Echo.Client(channel: channel)
        var message = Bench.Msg()
        message.payload = Array("fail".utf8)
        let error = await #expect(throws: RPCError.self) { try await echo.unary(message) }
        #expect(error?.code == .internalError)
        #expect(error?.message == "storage failed")
        message.payload = Array("ok".utf8)
        _ = try await echo.unary(message)
        channel.close()
        #expect(await hosted.stop())

        let calls = capture.lines.filter { $0.contains("\"method\":\"Unary\"") }
        #expect(calls.count == 2)
        let failure = try #require(calls.first)
        #expect(failure.contains("\"level\":\"error\""))
        #expect(failure.contains("\"logger\":\"alpha\""))
        #expect(failure.contains("\"status\":\"INTERNAL\""))
        #expect(failure.contains("no such table: x"), "the cause is for the log")
        #expect(calls[1].contains("\"level\":\"info\"") && calls[1].contains("\"status\":\"OK\""))
        #expect(capture.lines.contains { $0.contains("\"message\":\"service started\"") })
        #expect(capture.lines.last?.contains("\"message\":\"service stopped\"") == true)
    }

    @Test func withoutTheAccessLogOnlyFailedCallsAreLogged() async throws {
        let capture = LogSink.Capture()
        let hosted = try await HostedServices([Self.alpha]) { configuration in
            configuration.log = LogOptions(format: .text, level: .info, accessLog: false, sink: capture.sink)
        }
        let channel = try Channel(host: "127.0.0.1", port: hosted.port)
        _ = try await Bench.Echo.Client(channel: channel).unary(Bench.Msg())
        channel.close()
        #expect(await hosted.stop())
        #expect(!capture.lines.contains { $0.contains("method=Unary") })
        #expect(capture.lines.contains { $0.contains("INFO [alpha] service started") })
    }
}
