import GRPC
import GRPCCore
import Messages
import Stubs
import Testing

@testable import StandardServices

@Suite struct HealthServiceTests {
    typealias Status = Grpc.Health.V1.HealthCheckResponse.ServingStatus

    static func request(_ service: String) -> Grpc.Health.V1.HealthCheckRequest {
        var request = Grpc.Health.V1.HealthCheckRequest()
        request.service = service
        return request
    }

    @Test func checkReportsTheWholeServerAndEveryHostedServiceAsServing() async throws {
        try await LiveServer.run { live throws in
            let health = Grpc.Health.V1.Health.Client(channel: live.channel)
            for service in ["", "bench.Echo", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection"] {
                #expect(try await health.check(Self.request(service)).status == .serving, "\(service)")
            }
        }
    }

    @Test func checkOnAnUnknownServiceFailsWithNotFound() async throws {
        try await LiveServer.run { live throws in
            let health = Grpc.Health.V1.Health.Client(channel: live.channel)
            let error = await #expect(throws: RPCError.self) {
                try await health.check(Self.request("no.such.Service"))
            }
            #expect(error?.code == .notFound)
        }
    }

    @Test func checkSeesAStatusSetFromAnotherThread() async throws {
        try await LiveServer.run { live throws in
            live.health.setStatus(.notServing, for: "bench.Echo")
            let health = Grpc.Health.V1.Health.Client(channel: live.channel)
            // The update hops to the loop; the call is queued behind it there.
            #expect(try await health.check(Self.request("bench.Echo")).status == .notServing)
        }
    }

    @Test func watchSendsTheCurrentStatusThenEachChange() async throws {
        try await LiveServer.run { live throws in
            let call = Grpc.Health.V1.Health.Client(channel: live.channel).watch(Self.request("bench.Echo"))
            var responses = call.responses.makeAsyncIterator()
            #expect(try await responses.next()?.status == .serving)
            live.health.setStatus(.notServing, for: "bench.Echo")
            #expect(try await responses.next()?.status == .notServing)
            live.health.setStatus(.serving, for: "bench.Echo")
            #expect(try await responses.next()?.status == .serving)
            call.cancel()
            #expect(await call.status().code == .cancelled)
        }
    }

    @Test func watchOnAnUnknownServiceSendsServiceUnknownAndFollowsItOnceKnown() async throws {
        try await LiveServer.run { live throws in
            let call = Grpc.Health.V1.Health.Client(channel: live.channel).watch(Self.request("later.Service"))
            var responses = call.responses.makeAsyncIterator()
            #expect(try await responses.next()?.status == .serviceUnknown)
            live.health.setStatus(.serving, for: "later.Service")
            #expect(try await responses.next()?.status == .serving)
            call.cancel()
        }
    }

    @Test func everythingTurnsNotServingWhenAGracefulShutdownBegins() async throws {
        try await LiveServer.run { live throws in
            let call = Grpc.Health.V1.Health.Client(channel: live.channel).watch(Self.request(""))
            var responses = call.responses.makeAsyncIterator()
            #expect(try await responses.next()?.status == .serving)
            let statuses = await live.onLoop { live -> [Status?] in
                live.server.shutdown()
                // Too late: a draining server stays out of rotation.
                live.health.setStatus(.serving, for: "bench.Echo")
                return ["", "bench.Echo", "grpc.health.v1.Health"].map { live.health.status(for: $0) }
            }
            #expect(statuses == [.notServing, .notServing, .notServing])
            #expect(try await responses.next()?.status == .notServing)
            // The watch then ends cleanly instead of holding the drain for its grace period.
            #expect(try await responses.next() == nil)
            #expect(await call.status().code == .ok)
        }
    }

    @Test func aCancelledWatchStopsWatching() async throws {
        try await LiveServer.run { live throws in
            let call = Grpc.Health.V1.Health.Client(channel: live.channel).watch(Self.request("bench.Echo"))
            var responses = call.responses.makeAsyncIterator()
            #expect(try await responses.next()?.status == .serving)
            #expect(await live.onLoop { $0.health.watcherCount } == 1)
            call.cancel()
            // The RST_STREAM reaches the server asynchronously.
            var remaining = 1
            for _ in 0..<200 where remaining > 0 {
                try await Task.sleep(for: .milliseconds(10))
                remaining = await live.onLoop { $0.health.watcherCount }
            }
            #expect(remaining == 0)
        }
    }
}
