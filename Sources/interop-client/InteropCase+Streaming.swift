import GRPC
import GRPCCore
import Messages
import Stubs

// The streaming, cancellation and deadline cases. Every call is cancelled on the way out so a
// failed assertion cannot leave a stream open on the shared channel (cancel after the end is a no-op).

extension InteropCase {
    static let requestSizes = [27182, 8, 1828, 45904]
    static let responseSizes = [31415, 9, 2653, 58979]

    static func clientStreaming(_ context: Context) async throws {
        let client = context.client
        let call = client.streamingInputCall()
        defer { call.cancel() }
        for size in requestSizes { try await call.send(.init(payloadSize: size)) }
        let response = try await call.response()
        try check(
            response.aggregatedPayloadSize == 74922,
            "aggregated_payload_size \(response.aggregatedPayloadSize), expected 74922")
    }

    // Our client compresses every message of a call or none, so the second message (which the
    // description sends uncompressed) goes compressed too; it claims nothing (expect false).
    static func clientCompressedStreaming(_ context: Context) async throws {
        let client = context.client
        let probe = client.streamingInputCall()
        defer { probe.cancel() }
        try await expectError(.invalidArgument, "the probe (uncompressed, expect_compressed true)") {
            try await probe.send(.init(payloadSize: 27182, expectCompressed: true))
            _ = try await probe.response()
        }

        let call = client.streamingInputCall(options: CallOptions(compression: .gzip))
        defer { call.cancel() }
        try await call.send(.init(payloadSize: 27182, expectCompressed: true))
        try await call.send(.init(payloadSize: 45904, expectCompressed: false))
        let response = try await call.response()
        try check(
            response.aggregatedPayloadSize == 73086,
            "aggregated_payload_size \(response.aggregatedPayloadSize), expected 73086")
    }

    static func serverStreaming(_ context: Context) async throws {
        let client = context.client
        let call = client.streamingOutputCall(.init(responses: responseSizes.map { .init(size: $0) }))
        defer { call.cancel() }
        try await checkResponses(call, sizes: responseSizes)
    }

    // As for server_compressed_unary, our client cannot show the compressed flag; sizes only.
    static func serverCompressedStreaming(_ context: Context) async throws {
        let client = context.client
        let call = client.streamingOutputCall(
            .init(responses: [.init(size: 31415, compressed: true), .init(size: 92653, compressed: false)]))
        defer { call.cancel() }
        try await checkResponses(call, sizes: [31415, 92653])
    }

    private static func checkResponses(
        _ call: StreamingCall<some ProtoMessage, Grpc.Testing.StreamingOutputCallResponse>, sizes: [Int]
    ) async throws {
        var received = 0
        for try await response in call.responses {
            try check(received < sizes.count, "more than \(sizes.count) responses")
            try checkPayload(response.payload, size: sizes[received], "response \(received + 1)")
            received += 1
        }
        try check(received == sizes.count, "\(received) responses, expected \(sizes.count)")
        try checkStatus(await call.status(), .ok, "the call")
    }

    static func pingPong(_ context: Context) async throws {
        let client = context.client
        let call = client.fullDuplexCall()
        defer { call.cancel() }
        var responses = call.responses.makeAsyncIterator()
        for (index, (requestSize, responseSize)) in zip(requestSizes, responseSizes).enumerated() {
            try await call.send(.init(payloadSize: requestSize, responses: [.init(size: responseSize)]))
            guard let response = try await responses.next() else {
                throw InteropFailure("the stream ended after \(index) responses, expected 4")
            }
            try checkPayload(response.payload, size: responseSize, "response \(index + 1)")
        }
        call.closeSend()
        try check(try await responses.next() == nil, "a fifth response")
        try checkStatus(await call.status(), .ok, "the call")
    }

    static func emptyStream(_ context: Context) async throws {
        let client = context.client
        let call = client.fullDuplexCall()
        defer { call.cancel() }
        call.closeSend()
        var count = 0
        for try await _ in call.responses { count += 1 }
        try check(count == 0, "\(count) responses, expected none")
        try checkStatus(await call.status(), .ok, "the call")
    }

    /// The 1 ms deadline expires while the server sleeps before its first response (interval_us),
    /// and the request stream stays open, so only the deadline can end the call.
    static func timeoutOnSleepingServer(_ context: Context) async throws {
        let client = context.client
        let call = client.fullDuplexCall(options: CallOptions(timeout: .milliseconds(1)))
        defer { call.cancel() }
        do {
            try await call.send(.init(payloadSize: 27182, responses: [.init(size: 31415, intervalUs: 500_000)]))
        } catch let error as RPCError where error.code == .deadlineExceeded {
            // The deadline may pass before the request is written; that is the case's point.
        }
        try await expectError(.deadlineExceeded, "reading responses") {
            for try await _ in call.responses {}
        }
        try checkStatus(await call.status(), .deadlineExceeded, "the call")
    }

    static func cancelAfterBegin(_ context: Context) async throws {
        let client = context.client
        let call = client.streamingInputCall()
        call.cancel()
        try checkStatus(await call.status(), .cancelled, "the call")
        try await expectError(.cancelled, "response()") { _ = try await call.response() }
    }

    static func cancelAfterFirstResponse(_ context: Context) async throws {
        let client = context.client
        let call = client.fullDuplexCall()
        defer { call.cancel() }
        try await call.send(.init(payloadSize: 27182, responses: [.init(size: 31415)]))
        var responses = call.responses.makeAsyncIterator()
        guard let first = try await responses.next() else { throw InteropFailure("no response before the end") }
        try checkPayload(first.payload, size: 31415, "the first response")
        call.cancel()
        try checkStatus(await call.status(), .cancelled, "the call")
        try await expectError(.cancelled, "reading after cancel") { _ = try await responses.next() }
    }
}
