import EventLoop
import GRPC
import GRPCCore
import GRPCTestSupport
import Messages
import Testing

@Suite struct ConnectionLifecycleTests {
    @Test func theServerListensOnIPv6Loopback() async throws {
        let live = try await LiveServer(services: [EchoTestService(observations: Observations())]) {
            $0.host = "::1"
        }
        let channel = try Channel(host: "::1", port: live.port)
        let reply: Msg = try await channel.unary(TestMethods.echo, msg([6]))
        #expect(reply.payload == [6])
        channel.close()
        #expect(await live.stop())
    }

    @Test func anIdleConnectionIsClosedAndTheNextCallReconnects() async throws {
        let live = try await LiveServer(services: [EchoTestService(observations: Observations())]) {
            // Long enough that a loaded machine still sees the connection right after the call
            // (2 s was not, once, in a make test run on two busy cores).
            $0.idleTimeout = .seconds(5)
        }
        let channel = try live.channel()
        let _: Msg = try await channel.unary(TestMethods.echo, msg([1]))
        #expect(await live.onLoop { $0.connectionCount } == 1)
        // Housekeeping runs every second: the idle time plus two ticks, with room to spare.
        for _ in 0..<120 where await live.onLoop({ $0.connectionCount }) > 0 {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(await live.onLoop { $0.connectionCount } == 0, "the idle connection was closed")
        let again: Msg = try await channel.unary(TestMethods.echo, msg([2]))
        #expect(again.payload == [2], "the channel reconnected by itself")
        channel.close()
        #expect(await live.stop())
    }

    @Test func aSilentConnectionIsPingedAndKeptWhileThePeerAnswers() async throws {
        let live = try await LiveServer(services: [EchoTestService(observations: Observations())]) {
            $0.keepaliveInterval = .milliseconds(200)
            $0.keepaliveTimeout = .seconds(5)
            $0.idleTimeout = nil
        }
        let channel = try live.channel()
        let _: Msg = try await channel.unary(TestMethods.echo, msg([1]))
        // Several keepalive rounds pass; our client acknowledges the pings (nghttp2 does).
        try await Task.sleep(for: .milliseconds(2500))
        #expect(await live.onLoop { $0.connectionCount } == 1)
        let reply: Msg = try await channel.unary(TestMethods.echo, msg([2]))
        #expect(reply.payload == [2])
        channel.close()
        #expect(await live.stop())
    }

    @Test func aChannelBacksOffAfterAFailedConnectAndThenReachesTheServer() async throws {
        // Find a free port, then make sure nothing listens on it.
        let probe = try await LiveServer(services: [EchoTestService(observations: Observations())])
        let port = probe.port
        #expect(await probe.stop())

        var configuration = Channel.Configuration()
        // Long enough that a loaded machine makes the second call inside the backoff.
        configuration.initialBackoff = .seconds(2)
        let channel = try Channel(host: "127.0.0.1", port: port, configuration: configuration)
        await #expect(throws: RPCError.self) {
            let _: Msg = try await channel.unary(TestMethods.echo, msg([]))
        }
        // Within the backoff the channel fails fast without dialling.
        do {
            let _: Msg = try await channel.unary(TestMethods.echo, msg([]))
        } catch let error as RPCError {
            #expect(error.code == .unavailable)
            #expect(error.message.contains("next attempt"))
        }
        let live = try await LiveServer(services: [EchoTestService(observations: Observations())]) {
            $0.port = port
        }
        try await Task.sleep(for: .milliseconds(2100))
        let reply: Msg = try await channel.unary(TestMethods.echo, msg([9]))
        #expect(reply.payload == [9])
        channel.close()
        #expect(await live.stop())
    }
}
