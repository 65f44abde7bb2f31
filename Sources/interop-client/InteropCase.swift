import Messages
import Stubs

/// One named interop test case: a procedure and its assertions, run against a TestService client.
struct InteropCase: Sendable {
    typealias Client = Grpc.Testing.TestService.Client

    enum Outcome {
        case passed
        case failed(String)
        /// The case neither returned nor threw in time; its task is abandoned.
        case hung(after: Duration)
    }

    /// What a case runs against: the shared client, and the address for cases that need their own channel.
    struct Context: Sendable {
        let client: Client
        let host: String
        let port: Int
    }

    let name: String
    let run: @Sendable (Context) async throws -> Void

    /// Every case, in the order `--test_case all` runs them.
    static let all: [InteropCase] = [
        InteropCase(name: "empty_unary", run: emptyUnary),
        InteropCase(name: "large_unary", run: largeUnary),
        InteropCase(name: "client_compressed_unary", run: clientCompressedUnary),
        InteropCase(name: "server_compressed_unary", run: serverCompressedUnary),
        InteropCase(name: "client_streaming", run: clientStreaming),
        InteropCase(name: "client_compressed_streaming", run: clientCompressedStreaming),
        InteropCase(name: "server_streaming", run: serverStreaming),
        InteropCase(name: "server_compressed_streaming", run: serverCompressedStreaming),
        InteropCase(name: "ping_pong", run: pingPong),
        InteropCase(name: "empty_stream", run: emptyStream),
        InteropCase(name: "custom_metadata", run: customMetadata),
        InteropCase(name: "status_code_and_message", run: statusCodeAndMessage),
        InteropCase(name: "special_status_message", run: specialStatusMessage),
        InteropCase(name: "unimplemented_method", run: unimplementedMethod),
        InteropCase(name: "unimplemented_service", run: unimplementedService),
        InteropCase(name: "timeout_on_sleeping_server", run: timeoutOnSleepingServer),
        InteropCase(name: "cancel_after_begin", run: cancelAfterBegin),
        InteropCase(name: "cancel_after_first_response", run: cancelAfterFirstResponse),
        InteropCase(name: "message_over_receive_limit", run: messageOverReceiveLimit),
        InteropCase(name: "response_over_receive_limit", run: responseOverReceiveLimit),
        InteropCase(name: "first_call_on_new_channel", run: firstCallOnNewChannel),
    ]

    /// Runs the case, giving up after `limit` so one hung call cannot stall the whole run.
    func outcome(_ context: Context, within limit: Duration) async -> Outcome {
        let (results, continuation) = AsyncStream<Outcome>.makeStream()
        let run = self.run
        let work = Task {
            do {
                try await run(context)
                continuation.yield(.passed)
            } catch {
                continuation.yield(.failed("\(error)"))
            }
        }
        let watchdog = Task {
            do {
                try await Task.sleep(for: limit)
                continuation.yield(.hung(after: limit))
            } catch {
                // Cancelled: the case finished first.
            }
        }
        var first = Outcome.hung(after: limit)
        for await result in results {
            first = result
            break
        }
        watchdog.cancel()
        if case .hung = first { work.cancel() }
        continuation.finish()
        return first
    }
}
