import EventLoop
import GRPC
import GRPCCore
import GRPCTestSupport
import Messages
import Testing

/// A channel to a host name, as compose and Kubernetes give them ("shuangjiang-intake:50051"):
/// resolved on libuv's thread pool at every connect. Only names in /etc/hosts are used, so the
/// test sends nothing to a DNS server.
@Suite struct HostNameTests {
    @Test func aChannelToANameInEtcHostsResolvesItAndCalls() async throws {
        let live = try await LiveServer(services: [EchoTestService(observations: Observations())])
        // "localhost" itself is read as 127.0.0.1 without resolving; the same name in capitals goes
        // through the resolver, which finds it in /etc/hosts (matched regardless of case), where
        // it may be ::1 first while the server listens on 127.0.0.1 only.
        let channel = try Channel(host: "LOCALHOST", port: live.port)
        #expect(channel.address == nil)
        let call: StreamingCall<Msg, Msg> = channel.serverStreaming(TestMethods.echo, msg([7]))
        #expect(try await call.response() == msg([7]))
        channel.close()
        #expect(await live.stop())
    }

    @Test func hostNamesAreTellableFromMistypedNumbers() {
        #expect(SocketAddress.isHostName("shuangjiang-intake"))
        #expect(SocketAddress.isHostName("intake.city.svc.cluster.local"))
        #expect(!SocketAddress.isHostName("127.0.0"))
        #expect(!SocketAddress.isHostName("intake_1"))
        #expect(!SocketAddress.isHostName(""))
        #expect(throws: SystemError.self) { try Channel(host: "127.0.0", port: 1) }
    }
}
