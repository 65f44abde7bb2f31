import EventLoop
import GRPC
import GRPCCore
import GRPCTestSupport
import Messages
import Synchronization
import Testing

@Suite struct ServerAndClientTests {
    @Test func aUnaryCallRoundTripsWithMetadataBothWays() async throws {
        let live = try await LiveServer(services: [EchoTestService(observations: Observations())])
        let channel = try live.channel()
        var metadata = Metadata()
        metadata.add("x-echo", "hello")
        metadata.add("x-trailer-bin", binary: [0xAB, 0x00, 0xCD])
        let call: StreamingCall<Msg, Msg> = channel.serverStreaming(
            TestMethods.echo, msg([1, 2, 3]), options: CallOptions(metadata: metadata))
        #expect(try await call.response() == msg([1, 2, 3]))
        #expect(try await call.initialMetadata().first("x-echo") == "hello")
        #expect(await call.trailingMetadata().firstBinary("x-trailer-bin") == [0xAB, 0x00, 0xCD])
        #expect(await call.status().code == .ok)
        channel.close()
        #expect(await live.stop(), "the server's loop closed with a handle still open")
    }

    @Test(arguments: [false, true])
    func aResponseEncodedAheadIsSentAsIs(compressed: Bool) async throws {
        let live = try await LiveServer(services: [EchoTestService(observations: Observations())])
        let channel = try live.channel()
        var metadata = Metadata()
        if compressed { metadata.add("x-compress", "yes") }
        let payload = (0..<4000).map { UInt8(truncatingIfNeeded: $0 % 7) }
        let call: StreamingCall<Msg, Msg> = channel.serverStreaming(
            TestMethods.stored, msg(payload), options: CallOptions(metadata: metadata, compression: .gzip))
        #expect(try await call.response() == msg(payload.reversed()))
        #expect(await call.status().code == .ok)
        channel.close()
        #expect(await live.stop())
    }

    @Test func aHandlerErrorReachesTheClientAsItsStatus() async throws {
        let live = try await LiveServer(services: [EchoTestService(observations: Observations())])
        let channel = try live.channel()
        await #expect(throws: RPCError(code: .failedPrecondition, message: "nope ☺ 100%")) {
            let _: Msg = try await channel.unary(TestMethods.fail, msg(Array("nope ☺ 100%".utf8)))
        }
        channel.close()
        #expect(await live.stop())
    }

    @Test func unknownMethodsAndServicesAreUnimplemented() async throws {
        let live = try await LiveServer(services: [EchoTestService(observations: Observations())])
        let channel = try live.channel()
        let method = MethodDescriptor(service: "test.Echo", method: "Nope", kind: .unary)
        let service = MethodDescriptor(service: "test.Nope", method: "Echo", kind: .unary)
        for descriptor in [method, service] {
            do {
                let _: Msg = try await channel.unary(descriptor, msg([]))
                Issue.record("\(descriptor) should have failed")
            } catch let error as RPCError {
                #expect(error.code == .unimplemented)
            }
        }
        channel.close()
        #expect(await live.stop())
    }

    @Test func everyStreamingShapeWorks() async throws {
        let live = try await LiveServer(services: [EchoTestService(observations: Observations())])
        let channel = try live.channel()

        let count: StreamingCall<Msg, Msg> = channel.serverStreaming(TestMethods.count, msg([0, 0, 0, 0, 0]))
        var received: [UInt8] = []
        for try await message in count.responses { received += message.payload }
        #expect(received == [0, 1, 2, 3, 4])

        let collect: StreamingCall<Msg, Msg> = channel.makeStreamingCall(TestMethods.collect)
        for i in 0..<10 { try await collect.send(msg([UInt8(i)])) }
        #expect(try await collect.response() == msg(Array(0..<10)))

        let chat: StreamingCall<Msg, Msg> = channel.makeStreamingCall(TestMethods.chat)
        var iterator = chat.responses.makeAsyncIterator()
        for i in 0..<5 {
            try await chat.send(msg([UInt8(i)]))
            #expect(try await iterator.next() == msg([UInt8(i)]), "ping-pong in lock step")
        }
        chat.closeSend()
        #expect(try await iterator.next() == nil)
        channel.close()
        #expect(await live.stop())
    }

    /// A reader takes every message that has arrived in one hop to the loop; those that arrived
    /// before the call failed are still read, in order, and only then the error.
    @Test func messagesThatArrivedBeforeAFailureAreReadInOrderAndThenTheError() async throws {
        let live = try await LiveServer(services: [EchoTestService(observations: Observations())])
        let channel = try live.channel()
        let call: StreamingCall<Msg, Msg> = channel.serverStreaming(
            TestMethods.countThenFail, msg([UInt8](repeating: 0, count: 300)))
        #expect(await call.status().code == .aborted)  // everything has arrived before reading
        var received: [UInt8] = []
        do {
            for try await message in call.responses { received += message.payload }
            Issue.record("the stream should have ended with ABORTED")
        } catch let error as RPCError {
            #expect(error.code == .aborted && error.message == "after 300")
        }
        #expect(received == (0..<300).map { UInt8(truncatingIfNeeded: $0) })
        channel.close()
        #expect(await live.stop())
    }

    /// Twice the 1 MiB stream window each way, read by a side that pauses: each side must keep
    /// sending window credit back as it reads in turns of its own, or the sender stalls for good.
    @Test(.timeLimit(.minutes(1))) func streamsLargerThanTheWindowFlowToReadersThatPause() async throws {
        let live = try await LiveServer(services: [EchoTestService(observations: Observations())])
        let channel = try live.channel()
        let upload: StreamingCall<Msg, Msg> = channel.makeStreamingCall(TestMethods.slowCollect)
        let chunk = [UInt8](repeating: 7, count: 1024)
        for _ in 0..<2048 { try await upload.send(msg(chunk)) }
        #expect(try await upload.response() == msg(Array("2097152".utf8)))

        let download: StreamingCall<Msg, Msg> = channel.serverStreaming(
            TestMethods.fill, msg([UInt8](repeating: 0, count: 2048)))
        var received = 0
        for try await message in download.responses {
            received += message.payload.count
            if received == 1024 { try await Task.sleep(for: .milliseconds(50)) }  // lets the window fill
        }
        #expect(received == 2048 * 1024)
        channel.close()
        #expect(await live.stop())
    }

    @Test func manyConcurrentCallsShareOneConnection() async throws {
        let live = try await LiveServer(services: [EchoTestService(observations: Observations())])
        let channel = try live.channel()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<200 {
                group.addTask {
                    let reply: Msg = try await channel.unary(TestMethods.echo, msg([UInt8(i % 256)]))
                    #expect(reply.payload == [UInt8(i % 256)])
                }
            }
            try await group.waitForAll()
        }
        #expect(await live.onLoop { $0.connectionCount } == 1)
        channel.close()
        #expect(await live.stop())
    }

    @Test func theServerEnforcesTheClientsDeadlineAndCancelsTheHandler() async throws {
        let observations = Observations()
        let live = try await LiveServer(services: [EchoTestService(observations: observations)])
        let channel = try live.channel()
        let start = ContinuousClock.now
        do {
            let _: Msg = try await channel.unary(
                TestMethods.sleep, msg([]), options: CallOptions(timeout: .milliseconds(100)))
            Issue.record("the call should have timed out")
        } catch let error as RPCError {
            #expect(error.code == .deadlineExceeded)
        }
        #expect(ContinuousClock.now - start < .seconds(5))
        // The handler's task is cancelled too; give the loop a moment to run its cancellation.
        for _ in 0..<100 where observations.cancelledHandlers.load(ordering: .relaxed) == 0 {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(observations.cancelledHandlers.load(ordering: .relaxed) == 1)
        channel.close()
        #expect(await live.stop())
    }

    @Test func aClientCancellationReachesTheHandler() async throws {
        let observations = Observations()
        let live = try await LiveServer(services: [EchoTestService(observations: observations)])
        let channel = try live.channel()
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
        #expect(observations.cancelledHandlers.load(ordering: .relaxed) == 1)
        channel.close()
        #expect(await live.stop())
    }

    @Test func aRequestOverTheReceiveLimitIsResourceExhaustedAndTheConnectionLivesOn() async throws {
        let live = try await LiveServer(services: [EchoTestService(observations: Observations())]) {
            $0.maxReceiveMessageSize = 1024
        }
        let channel = try live.channel()
        do {
            let _: Msg = try await channel.unary(TestMethods.echo, msg([UInt8](repeating: 7, count: 2048)))
            Issue.record("an oversized request must fail")
        } catch let error as RPCError {
            #expect(error.code == .resourceExhausted)
        }
        let small: Msg = try await channel.unary(TestMethods.echo, msg([1]))
        #expect(small.payload == [1])
        channel.close()
        #expect(await live.stop())
    }

    @Test func gzipCompressedRequestsAreAccepted() async throws {
        let live = try await LiveServer(services: [EchoTestService(observations: Observations())])
        let channel = try live.channel()
        let payload = [UInt8](repeating: 42, count: 100_000)
        let reply: Msg = try await channel.unary(
            TestMethods.echo, msg(payload), options: CallOptions(compression: .gzip))
        #expect(reply.payload == payload)
        channel.close()
        #expect(await live.stop())
    }

    @Test func aGracefulShutdownLetsCallsInFlightFinish() async throws {
        let observations = Observations()
        let live = try await LiveServer(services: [EchoTestService(observations: observations)])
        let channel = try live.channel()
        let chat: StreamingCall<Msg, Msg> = channel.makeStreamingCall(TestMethods.chat)
        try await chat.send(msg([1]))
        var iterator = chat.responses.makeAsyncIterator()
        #expect(try await iterator.next() == msg([1]))
        // Shut down while the call is open: it must still complete normally.
        let stopped = Task { await live.stop() }
        try await Task.sleep(for: .milliseconds(50))
        try await chat.send(msg([2]))
        #expect(try await iterator.next() == msg([2]))
        chat.closeSend()
        #expect(try await iterator.next() == nil)
        #expect(await chat.status().code == .ok)
        #expect(await stopped.value, "loop closed with no handle left")
        channel.close()
    }

    @Test func callsToAnAddressNobodyListensOnFailWithUnavailable() async throws {
        let channel = try Channel(host: "127.0.0.1", port: 1)
        do {
            let _: Msg = try await channel.unary(TestMethods.echo, msg([]))
            Issue.record("nothing listens on port 1")
        } catch let error as RPCError {
            #expect(error.code == .unavailable)
        }
        channel.close()
    }
}
