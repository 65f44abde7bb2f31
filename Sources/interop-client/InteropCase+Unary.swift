import GRPC
import GRPCCore
import Messages
import Stubs

// The unary cases. Test procedures and sizes follow grpc/grpc doc/interop-test-descriptions.md.

extension InteropCase {
    static let echoInitialKey = "x-grpc-test-echo-initial"
    static let echoInitialValue = "test_initial_metadata_value"
    static let echoTrailingKey = "x-grpc-test-echo-trailing-bin"
    static let echoTrailingValue: [UInt8] = [0xab, 0xab, 0xab]
    static let specialStatusMessage = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n"
    /// The default receive limit on both sides.
    static let receiveLimit = 4 << 20

    static func emptyUnary(_ context: Context) async throws {
        let client = context.client
        let response = try await client.emptyCall(Grpc.Testing.Empty())
        try check(try response.serializedBytes().isEmpty, "the response is not an empty message")
    }

    static func largeUnary(_ context: Context) async throws {
        let client = context.client
        let response = try await client.unaryCall(.large())
        try checkPayload(response.payload, size: 314_159, "response")
    }

    static func clientCompressedUnary(_ context: Context) async throws {
        let client = context.client
        try await expectError(.invalidArgument, "the probe (uncompressed, expect_compressed true)") {
            _ = try await client.unaryCall(.large(expectCompressed: true))
        }
        let compressed = try await client.unaryCall(
            .large(expectCompressed: true), options: CallOptions(compression: .gzip))
        try checkPayload(compressed.payload, size: 314_159, "compressed request's response")
        let plain = try await client.unaryCall(.large(expectCompressed: false))
        try checkPayload(plain.payload, size: 314_159, "uncompressed request's response")
    }

    // Our client does not expose a response message's compressed flag (it decompresses
    // transparently), so only the sizes are checked; the Python tests check the flag.
    static func serverCompressedUnary(_ context: Context) async throws {
        let client = context.client
        let compressed = try await client.unaryCall(.large(responseCompressed: true))
        try checkPayload(compressed.payload, size: 314_159, "response_compressed true")
        let plain = try await client.unaryCall(.large(responseCompressed: false))
        try checkPayload(plain.payload, size: 314_159, "response_compressed false")
    }

    static func customMetadata(_ context: Context) async throws {
        let client = context.client
        var metadata = Metadata()
        metadata.add(echoInitialKey, echoInitialValue)
        metadata.add(echoTrailingKey, binary: echoTrailingValue)
        let options = CallOptions(metadata: metadata)

        // The generated unary method returns only the message; the call object shows the metadata.
        let unary: StreamingCall<Grpc.Testing.SimpleRequest, Grpc.Testing.SimpleResponse> = client.channel
            .serverStreaming(Grpc.Testing.TestService.Method.unaryCall, .large(), options: options)
        defer { unary.cancel() }
        let response = try await unary.response()
        try checkPayload(response.payload, size: 314_159, "UnaryCall response")
        try checkEchoedMetadata(
            initial: try await unary.initialMetadata(), trailing: await unary.trailingMetadata(), "UnaryCall")

        let duplex = client.fullDuplexCall(options: options)
        defer { duplex.cancel() }
        try await duplex.send(.init(payloadSize: 271_828, responses: [.init(size: 314_159)]))
        duplex.closeSend()
        var sizes: [Int] = []
        for try await message in duplex.responses {
            try checkPayload(message.payload, size: 314_159, "FullDuplexCall response")
            sizes.append(message.payload?.body.count ?? 0)
        }
        try check(sizes.count == 1, "FullDuplexCall: \(sizes.count) responses, expected 1")
        try checkEchoedMetadata(
            initial: try await duplex.initialMetadata(), trailing: await duplex.trailingMetadata(), "FullDuplexCall")
    }

    private static func checkEchoedMetadata(initial: Metadata, trailing: Metadata, _ what: String) throws {
        let echoed = initial.first(echoInitialKey)
        try check(
            echoed == echoInitialValue,
            "\(what): initial metadata \(echoInitialKey) is \(echoed.map(quoted) ?? "missing")")
        let trailer = trailing.firstBinary(echoTrailingKey)
        try check(
            trailer == echoTrailingValue,
            "\(what): trailing metadata \(echoTrailingKey) is \(trailer.map { "\($0)" } ?? "missing")")
    }

    static func statusCodeAndMessage(_ context: Context) async throws {
        let client = context.client
        let status = Grpc.Testing.EchoStatus(code: 2, message: "test status message")
        var request = Grpc.Testing.SimpleRequest()
        request.responseStatus = status
        try await expectError(.unknown, message: status.message, "UnaryCall") {
            _ = try await client.unaryCall(request)
        }

        let duplex = client.fullDuplexCall()
        defer { duplex.cancel() }
        var streamingRequest = Grpc.Testing.StreamingOutputCallRequest()
        streamingRequest.responseStatus = status
        try await duplex.send(streamingRequest)
        duplex.closeSend()
        try await expectError(.unknown, message: status.message, "FullDuplexCall") {
            for try await _ in duplex.responses {}
        }
        try checkStatus(await duplex.status(), .unknown, message: status.message, "FullDuplexCall status")
    }

    static func specialStatusMessage(_ context: Context) async throws {
        let client = context.client
        var request = Grpc.Testing.SimpleRequest()
        request.responseStatus = Grpc.Testing.EchoStatus(code: 2, message: specialStatusMessage)
        try await expectError(.unknown, message: specialStatusMessage, "UnaryCall") {
            _ = try await client.unaryCall(request)
        }
    }

    static func unimplementedMethod(_ context: Context) async throws {
        let client = context.client
        try await expectError(.unimplemented, "TestService/UnimplementedCall") {
            _ = try await client.unimplementedCall(Grpc.Testing.Empty())
        }
    }

    static func unimplementedService(_ context: Context) async throws {
        let client = context.client
        let method = MethodDescriptor(
            service: "grpc.testing.UnimplementedService", method: "UnimplementedCall", kind: .unary)
        try await expectError(.unimplemented, "UnimplementedService/UnimplementedCall") {
            let _: Grpc.Testing.Empty = try await client.channel.unary(method, Grpc.Testing.Empty())
        }
    }

    /// A request one byte over the server's default 4 MiB limit fails with RESOURCE_EXHAUSTED and
    /// the server keeps serving the same connection.
    static func messageOverReceiveLimit(_ context: Context) async throws {
        let client = context.client
        var request = Grpc.Testing.SimpleRequest()
        request.payload = .zeros(receiveLimit + 1)
        try await expectError(.resourceExhausted, "UnaryCall with a \(receiveLimit + 1)-byte payload") {
            _ = try await client.unaryCall(request)
        }
        _ = try await client.emptyCall(Grpc.Testing.Empty())
    }

    /// A response over our client's own 4 MiB limit fails with RESOURCE_EXHAUSTED; the channel
    /// stays usable.
    static func responseOverReceiveLimit(_ context: Context) async throws {
        let client = context.client
        var request = Grpc.Testing.SimpleRequest()
        request.responseSize = Int32(receiveLimit + 1)
        try await expectError(.resourceExhausted, "UnaryCall asking for a \(receiveLimit + 1)-byte payload") {
            _ = try await client.unaryCall(request)
        }
        _ = try await client.emptyCall(Grpc.Testing.Empty())
    }
}

extension InteropCase {
    /// Not in the interop descriptions: the first call on a channel that has not connected yet
    /// must go out like any other, whether its request is sent with the call (unary) or the
    /// caller half-closes at once (empty_stream). The shared channel is connected before the
    /// cases run, so this case makes its own channels.
    static func firstCallOnNewChannel(_ context: Context) async throws {
        let options = CallOptions(timeout: .seconds(2))
        async let unary = onNewChannel(context, "UnaryCall") { client in
            let response = try await client.unaryCall(.large(), options: options)
            try checkPayload(response.payload, size: 314_159, "response")
        }
        async let emptyStream = onNewChannel(context, "FullDuplexCall half-closed at once") { client in
            let call = client.fullDuplexCall(options: options)
            defer { call.cancel() }
            call.closeSend()
            for try await _ in call.responses { throw InteropFailure("a response") }
        }
        let problems = await [unary, emptyStream].compactMap { $0 }
        try check(problems.isEmpty, problems.joined(separator: "; "))
    }

    private static func onNewChannel(
        _ context: Context, _ what: String, _ body: @Sendable (Client) async throws -> Void
    ) async -> String? {
        do {
            let channel = try Channel(host: context.host, port: context.port)
            defer { channel.close() }
            try await body(Client(channel: channel))
            return nil
        } catch {
            return "\(what): \(error)"
        }
    }
}
