import EventLoop
import GRPC
import GRPCCore
import GRPCTestSupport
import Messages
import Synchronization
import Testing

@Suite struct OutputBoundTests {
    static let kibibyte = 1 << 10
    static let mebibyte = 1 << 20

    /// Polls `value` on the server's loop until it holds still for `quiet` (or `limit` passes).
    static func settled(
        _ live: LiveServer, quiet: Duration = .milliseconds(300), limit: Duration = .seconds(10),
        _ value: @escaping @Sendable (Server) -> Int
    ) async throws -> Int {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        var last = await live.onLoop(value)
        var stillSince = clock.now
        while clock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            let now = await live.onLoop(value)
            if now != last {
                last = now
                stillSince = clock.now
            } else if clock.now - stillSince >= quiet {
                break
            }
        }
        return last
    }

    /// Polls until `condition` holds on the server's loop; returns whether it did within `limit`.
    static func eventually(
        _ live: LiveServer, limit: Duration = .seconds(5), _ condition: @escaping @Sendable (Server) -> Bool
    ) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if await live.onLoop(condition) { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return await live.onLoop(condition)
    }

    @Test func aClientThatStopsReadingCostsAConnectionAtMostItsBoundPlusOneMessage() async throws {
        let bound = 2 * Self.mebibyte
        let message = 128 * Self.kibibyte
        let service = FloodTestService()
        let live = try await LiveServer(services: [service]) { $0.maxQueuedOutputBytesPerConnection = bound }
        let channel = try live.channel()
        // Twelve streams of 8 MiB each on one connection; none is read, so once the client's
        // windows are full everything else waits on the server. Without the connection's bound
        // each stream would hold its own 1 MiB high-water mark and a message: over 13 MiB.
        let calls: [StreamingCall<Msg, Msg>] = (0..<12).map { _ in
            channel.serverStreaming(FloodTestService.flood, FloodTestService.request(count: 64, size: message))
        }
        let queued = try await Self.settled(live) { $0.queuedOutputBytes }
        #expect(queued > bound / 2, "the server held little (\(queued) bytes): the test did not fill it")
        #expect(queued <= bound + message + 64, "one connection holds \(queued) unsent bytes, bound \(bound)")
        #expect(service.writesDone.load(ordering: .relaxed) < 12 * 64, "writers waited")

        for call in calls { call.cancel() }
        channel.close()
        #expect(await live.stop())
    }

    @Test func closingAConnectionReleasesItsCallsTheirHandlersAndTheirQueuedOutput() async throws {
        let service = FloodTestService()
        let live = try await LiveServer(services: [service]) { $0.maxQueuedOutputBytesPerConnection = Self.mebibyte }
        let channel = try live.channel()
        let calls: [StreamingCall<Msg, Msg>] = (0..<8).map { _ in
            channel.serverStreaming(FloodTestService.flood, FloodTestService.request(count: 32, size: Self.mebibyte))
        }
        #expect(try await Self.eventually(live) { _ in service.handlersStarted.load(ordering: .relaxed) == 8 })
        _ = try await Self.settled(live) { $0.queuedOutputBytes }
        #expect(await live.onLoop { _ in service.liveServerObjects } == 9, "eight calls on one connection")

        // The client goes away without cancelling anything, as a crashed one would.
        channel.close()
        #expect(try await Self.eventually(live) { $0.connectionCount == 0 })
        #expect(try await Self.eventually(live) { _ in service.handlersEnded.load(ordering: .relaxed) == 8 })
        #expect(
            try await Self.eventually(live) { _ in service.liveServerObjects == 0 },
            "a server call or connection outlived the connection")
        #expect(await live.onLoop { $0.queuedOutputBytes } == 0)
        _ = calls
        #expect(await live.stop())
    }

    @Test func aMessageLargerThanTheBoundStillGoesOutAlone() async throws {
        let service = FloodTestService()
        let live = try await LiveServer(services: [service]) {
            $0.maxQueuedOutputBytesPerConnection = 256 * Self.kibibyte
        }
        let channel = try live.channel()
        let call: StreamingCall<Msg, Msg> = channel.serverStreaming(
            FloodTestService.flood, FloodTestService.request(count: 3, size: 3 * Self.mebibyte),
            options: CallOptions(timeout: .seconds(10)))
        var sizes: [Int] = []
        for try await response in call.responses { sizes.append(response.payload.count) }
        #expect(sizes == [3 * Self.mebibyte, 3 * Self.mebibyte, 3 * Self.mebibyte])
        #expect(await call.status().code == .ok)
        channel.close()
        #expect(await live.stop())
    }

    @Test func writersWaitingForRoomGoOnWhenStalledStreamsOfTheirConnectionAreCancelled() async throws {
        let service = FloodTestService()
        let live = try await LiveServer(services: [service]) { $0.maxQueuedOutputBytesPerConnection = Self.mebibyte }
        let channel = try live.channel()
        // Unread streams fill the client's windows and then the connection's bound…
        let stalled: [StreamingCall<Msg, Msg>] = (0..<6).map { _ in
            channel.serverStreaming(FloodTestService.flood, FloodTestService.request(count: 64, size: 256 << 10))
        }
        _ = try await Self.settled(live) { $0.queuedOutputBytes }
        let writesBefore = service.writesDone.load(ordering: .relaxed)
        // …so a call that is read still waits behind them, until they are cancelled. (The timeout
        // turns a writer that is never let through into a failure instead of a hung test.)
        let reader: StreamingCall<Msg, Msg> = channel.serverStreaming(
            FloodTestService.flood, FloodTestService.request(count: 16, size: 64 << 10),
            options: CallOptions(timeout: .seconds(10)))
        #expect(try await Self.eventually(live) { _ in service.handlersStarted.load(ordering: .relaxed) == 7 })
        try await Task.sleep(for: .milliseconds(200))
        #expect(service.writesDone.load(ordering: .relaxed) == writesBefore, "the reader's first write waited")
        for call in stalled { call.cancel() }
        var received = 0
        for try await response in reader.responses { received += response.payload.count }
        #expect(received == 16 * (64 << 10))
        #expect(await reader.status().code == .ok)
        channel.close()
        #expect(await live.stop())
    }
}
