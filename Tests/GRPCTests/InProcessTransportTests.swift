import EventLoop
import GRPC
import GRPCCore
import GRPCTestSupport
import Messages
import Synchronization
import Testing

/// Calls over the in-process transport: the real client and server, HTTP/2 and all, with the
/// bytes in memory instead of on a socket.
@Suite struct InProcessTransportTests {
    @Test func aUnaryCallRoundTripsWithMetadataBothWays() async throws {
        let local = await InProcessServer(services: [EchoTestService(observations: Observations())])
        let channel = local.channel()
        var metadata = Metadata()
        metadata.add("x-echo", "hello")
        metadata.add("x-trailer-bin", binary: [0xAB, 0x00, 0xCD])
        let call: StreamingCall<Msg, Msg> = channel.serverStreaming(
            TestMethods.echo, msg([1, 2, 3]), options: CallOptions(metadata: metadata))
        #expect(try await call.response() == msg([1, 2, 3]))
        #expect(try await call.initialMetadata().first("x-echo") == "hello")
        #expect(await call.trailingMetadata().firstBinary("x-trailer-bin") == [0xAB, 0x00, 0xCD])
        #expect(await call.status().code == .ok)
        #expect(channel.address == nil)
        channel.close()
        #expect(await local.stop(), "the server's loop closed with a handle still open")
    }

    @Test func aServerStreamingCallDeliversEveryResponseInOrder() async throws {
        let local = await InProcessServer(services: [EchoTestService(observations: Observations())])
        let channel = local.channel()
        let count: StreamingCall<Msg, Msg> = channel.serverStreaming(TestMethods.count, msg([0, 0, 0, 0, 0]))
        var received: [UInt8] = []
        for try await message in count.responses { received += message.payload }
        #expect(received == [0, 1, 2, 3, 4])
        #expect(await count.status().code == .ok)
        channel.close()
        #expect(await local.stop())
    }

    @Test func aClientStreamingCallGetsOneResponseForEveryRequest() async throws {
        let local = await InProcessServer(services: [EchoTestService(observations: Observations())])
        let channel = local.channel()
        let collect: StreamingCall<Msg, Msg> = channel.makeStreamingCall(TestMethods.collect)
        for i in 0..<10 { try await collect.send(msg([UInt8(i)])) }
        #expect(try await collect.response() == msg(Array(0..<10)))
        channel.close()
        #expect(await local.stop())
    }

    @Test func aBidirectionalCallPingPongsInLockStep() async throws {
        let observations = Observations()
        let local = await InProcessServer(services: [EchoTestService(observations: observations)])
        let channel = local.channel()
        let chat: StreamingCall<Msg, Msg> = channel.makeStreamingCall(TestMethods.chat)
        var iterator = chat.responses.makeAsyncIterator()
        for i in 0..<5 {
            try await chat.send(msg([UInt8(i)]))
            #expect(try await iterator.next() == msg([UInt8(i)]))
        }
        chat.closeSend()
        #expect(try await iterator.next() == nil)
        #expect(await chat.status().code == .ok)
        channel.close()
        #expect(await local.stop())
        #expect(observations.finishedHandlers.load(ordering: .relaxed) == 1)
    }

    @Test func theServerEnforcesTheClientsDeadlineAndCancelsTheHandler() async throws {
        let observations = Observations()
        let local = await InProcessServer(services: [EchoTestService(observations: observations)])
        let channel = local.channel()
        let start = ContinuousClock.now
        do {
            let _: Msg = try await channel.unary(
                TestMethods.sleep, msg([]), options: CallOptions(timeout: .milliseconds(100)))
            Issue.record("the call should have timed out")
        } catch let error as RPCError {
            #expect(error.code == .deadlineExceeded)
        }
        #expect(ContinuousClock.now - start < .seconds(5))
        for _ in 0..<100 where observations.cancelledHandlers.load(ordering: .relaxed) == 0 {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(observations.cancelledHandlers.load(ordering: .relaxed) == 1, "the handler's task was cancelled")
        channel.close()
        #expect(await local.stop())
    }

    @Test func aClientCancellationReachesTheHandler() async throws {
        let observations = Observations()
        let local = await InProcessServer(services: [EchoTestService(observations: observations)])
        let channel = local.channel()
        let call: StreamingCall<Msg, Msg> = channel.serverStreaming(TestMethods.sleep, msg([]))
        for _ in 0..<500 where observations.startedSleeps.load(ordering: .relaxed) == 0 {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(observations.startedSleeps.load(ordering: .relaxed) == 1, "the call reached its handler")
        call.cancel()
        #expect(await call.status().code == .cancelled)
        for _ in 0..<100 where observations.cancelledHandlers.load(ordering: .relaxed) == 0 {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(observations.cancelledHandlers.load(ordering: .relaxed) == 1, "RST_STREAM cancelled the handler")
        channel.close()
        #expect(await local.stop())
    }

    @Test func anErrorStatusArrivesWithItsMessageAndDetails() async throws {
        let local = await InProcessServer(services: [EchoTestService(observations: Observations())])
        let channel = local.channel()
        do {
            let _: Msg = try await channel.unary(TestMethods.reject, msg([1, 2]))
            Issue.record("the call should have failed")
        } catch let error as RPCError {
            #expect(error.code == .invalidArgument)
            #expect(error.message == "payload: 2 bytes is too short")
            let details = error.metadata.firstBinary(StatusDetails.metadataKey).flatMap(StatusDetails.decodeBadRequest)
            #expect(details == [FieldViolation(field: "payload", description: "2 bytes is too short")])
        }
        await #expect(throws: RPCError(code: .failedPrecondition, message: "nope ☺ 100%")) {
            let _: Msg = try await channel.unary(TestMethods.fail, msg(Array("nope ☺ 100%".utf8)))
        }
        channel.close()
        #expect(await local.stop())
    }

    /// Twice the 1 MiB stream window in one message each way: the receiver must credit a partial
    /// message as it arrives, and the output pump must wait while the peer has not read.
    @Test(.timeLimit(.minutes(1)), arguments: [nil, CompressionAlgorithm.gzip])
    func aTwoMebibyteMessageFlowsEachWayThroughFlowControl(compression: CompressionAlgorithm?) async throws {
        let local = await InProcessServer(services: [EchoTestService(observations: Observations())])
        let channel = local.channel()
        // Pseudo-random, so that gzip cannot shrink it below the window.
        var state: UInt32 = 2_463_534_242
        let payload = [UInt8](unsafeUninitializedCapacity: 2 << 20) { buffer, count in
            for i in buffer.indices {
                state ^= state << 13
                state ^= state >> 17
                state ^= state << 5
                buffer[i] = UInt8(truncatingIfNeeded: state)
            }
            count = buffer.count
        }
        let reply: Msg = try await channel.unary(
            TestMethods.echo, msg(payload), options: CallOptions(compression: compression))
        #expect(reply.payload == payload)
        channel.close()
        #expect(await local.stop())
    }

    /// The same volume as many messages, read by sides that pause: window credit must keep flowing
    /// back from reads made in turns of their own.
    @Test(.timeLimit(.minutes(1))) func streamsLargerThanTheWindowFlowToReadersThatPause() async throws {
        let local = await InProcessServer(services: [EchoTestService(observations: Observations())])
        let channel = local.channel()
        let upload: StreamingCall<Msg, Msg> = channel.makeStreamingCall(TestMethods.slowCollect)
        let chunk = [UInt8](repeating: 7, count: 1024)
        for _ in 0..<2048 { try await upload.send(msg(chunk)) }
        #expect(try await upload.response() == msg(Array("2097152".utf8)))

        let download: StreamingCall<Msg, Msg> = channel.serverStreaming(
            TestMethods.fill, msg([UInt8](repeating: 0, count: 2048)))
        var received = 0
        for try await message in download.responses {
            received += message.payload.count
            if received == 1024 { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(received == 2048 * 1024)
        channel.close()
        #expect(await local.stop())
    }

    @Test func aServerStartedWithoutAListenerOpensNoSocket() async throws {
        let local = await InProcessServer(services: [EchoTestService(observations: Observations())])
        let channel = local.channel()
        let reply: Msg = try await channel.unary(TestMethods.echo, msg([4]))
        #expect(reply.payload == [4])
        let (sockets, connections) = await local.onLoop { ($0.loop.openSocketCount, $0.connectionCount) }
        #expect(connections == 1, "the call went over a connection the server serves")
        #expect(sockets == 0, "neither the server nor the channel opened a socket")
        channel.close()
        #expect(await local.stop())

        // The count does see sockets: a live server's loop holds its listener.
        let live = try await LiveServer(services: [EchoTestService(observations: Observations())])
        #expect(await live.onLoop { $0.loop.openSocketCount } == 1)
        #expect(await live.stop())
    }

    /// `connectInProcess()` hands out the client's end of a raw connection: the server treats it as
    /// it would an accepted socket, down to the answer an HTTP/1 client gets.
    @Test func aRawInProcessConnectionIsServedLikeAnAcceptedSocket() async throws {
        let local = await InProcessServer(services: [EchoTestService(observations: Observations())])
        let server = UncheckedBox(local.server!)
        let answer = await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            local.thread.loop.execute {
                guard let stream = try? server.value.connectInProcess() else {
                    continuation.resume(returning: "not serving")
                    return
                }
                var received: [UInt8] = []
                stream.onRead = { received += $0 }
                stream.onEnd = { _ in
                    stream.close()
                    continuation.resume(returning: String(decoding: received, as: UTF8.self))
                }
                stream.startReading()
                Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8).withUnsafeBytes { _ = stream.write($0) }
            }
        }
        #expect(answer.hasPrefix("HTTP/1.1 505 "), "the server answered, then closed its end")
        #expect(await local.stop())
    }

    @Test func aChannelReconnectsAfterTheServerClosesAnIdleConnection() async throws {
        let local = await InProcessServer(services: [EchoTestService(observations: Observations())]) {
            $0.idleTimeout = .milliseconds(500)
        }
        let channel = local.channel()
        let _: Msg = try await channel.unary(TestMethods.echo, msg([1]))
        // Housekeeping runs every second; give it two.
        for _ in 0..<40 where await local.onLoop({ $0.connectionCount }) > 0 {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(await local.onLoop { $0.connectionCount } == 0, "the idle connection was closed")
        let again: Msg = try await channel.unary(TestMethods.echo, msg([2]))
        #expect(again.payload == [2], "the channel opened a new in-process connection")
        channel.close()
        #expect(await local.stop())
    }

    @Test func callsToAnEndpointNobodyServesFailWithUnavailable() async throws {
        let thread = EventLoopThread()
        let channel = Channel(inProcess: InProcessEndpoint(loop: thread.loop))
        do {
            let _: Msg = try await channel.unary(TestMethods.echo, msg([]))
            Issue.record("nothing serves the endpoint")
        } catch let error as RPCError {
            #expect(error.code == .unavailable)
        }
        channel.close()
        #expect(thread.shutDown())
    }

    @Test func aGracefulShutdownLetsInProcessCallsInFlightFinish() async throws {
        let local = await InProcessServer(services: [EchoTestService(observations: Observations())])
        let channel = local.channel()
        let chat: StreamingCall<Msg, Msg> = channel.makeStreamingCall(TestMethods.chat)
        try await chat.send(msg([1]))
        var iterator = chat.responses.makeAsyncIterator()
        #expect(try await iterator.next() == msg([1]))
        // Only begin the shutdown: the channel shares the server's loop, which stop() ends.
        let state = await local.onLoop { server -> Server.State in
            server.shutdown()
            return server.state
        }
        #expect(state == .draining)
        try await Task.sleep(for: .milliseconds(50))
        try await chat.send(msg([2]))
        #expect(try await iterator.next() == msg([2]))
        chat.closeSend()
        #expect(try await iterator.next() == nil)
        #expect(await chat.status().code == .ok)
        for _ in 0..<100 where await local.onLoop({ $0.state }) != .stopped {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(await local.onLoop { $0.state } == .stopped, "the server stopped once the call had ended")
        channel.close()
        #expect(await local.stop(), "loop closed with no handle left")
    }

    /// What production wiring does: the endpoint comes first, so a service can be given a channel
    /// to another service of the same server; its handler's call goes out and back in on one loop.
    @Test func aHandlerCallsAnotherServiceOfTheSameServerThroughAChannel() async throws {
        let thread = EventLoopThread()
        let endpoint = InProcessEndpoint(loop: thread.loop)
        let channel = Channel(inProcess: endpoint)
        let services: [any RegistrableService] = [
            EchoTestService(observations: Observations()), RelayService(echo: channel),
        ]
        let server = await withCheckedContinuation { (continuation: CheckedContinuation<UncheckedBox<Server>, Never>) in
            thread.loop.execute {
                let server = Server(loop: thread.loop, services: services)
                server.serve(endpoint)
                server.startWithoutListener()
                continuation.resume(returning: UncheckedBox(server))
            }
        }
        let reply: Msg = try await channel.unary(RelayService.forward, msg([5, 6]))
        #expect(reply.payload == [5, 6, 5, 6], "the relay's own call to Echo went through")
        channel.close()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            thread.loop.execute { server.value.shutdown { continuation.resume() } }
        }
        #expect(thread.shutDown())
    }
}

/// Forwards to test.Echo over a channel, and doubles what comes back.
private struct RelayService: RegistrableService {
    static let forward = MethodDescriptor(service: "test.Relay", method: "Forward", kind: .unary)
    let echo: Channel

    var methods: [ServerMethod] {
        let echo = self.echo
        return [
            .unary(Self.forward, Msg.self, Msg.self) { request, _ in
                let reply: Msg = try await echo.unary(TestMethods.echo, request)
                return msg(reply.payload + reply.payload)
            }
        ]
    }
}
