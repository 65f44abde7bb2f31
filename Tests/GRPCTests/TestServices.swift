import GRPC
import GRPCCore
import Messages
import Synchronization

typealias Msg = Bench.Msg

enum TestMethods {
    static let echo = MethodDescriptor(service: "test.Echo", method: "Echo", kind: .unary)
    static let fail = MethodDescriptor(service: "test.Echo", method: "Fail", kind: .unary)
    static let reject = MethodDescriptor(service: "test.Echo", method: "Reject", kind: .unary)
    static let sleep = MethodDescriptor(service: "test.Echo", method: "Sleep", kind: .unary)
    static let count = MethodDescriptor(service: "test.Echo", method: "Count", kind: .serverStreaming)
    static let countThenFail = MethodDescriptor(service: "test.Echo", method: "CountThenFail", kind: .serverStreaming)
    static let collect = MethodDescriptor(service: "test.Echo", method: "Collect", kind: .clientStreaming)
    static let chat = MethodDescriptor(service: "test.Echo", method: "Chat", kind: .bidirectionalStreaming)
    static let fill = MethodDescriptor(service: "test.Echo", method: "Fill", kind: .serverStreaming)
    static let slowCollect = MethodDescriptor(service: "test.Echo", method: "SlowCollect", kind: .clientStreaming)
    static let stored = MethodDescriptor(service: "test.Echo", method: "Stored", kind: .unary)
}

/// Records what handlers saw, for assertions made from the test's side.
final class Observations: Sendable {
    let startedSleeps = Atomic<Int>(0)
    let cancelledHandlers = Atomic<Int>(0)
    let finishedHandlers = Atomic<Int>(0)
}

/// A small service exercising every call shape; payloads are bytes, counts are their length.
struct EchoTestService: RegistrableService {
    let observations: Observations

    var methods: [ServerMethod] {
        let observations = self.observations
        return [
            .unary(TestMethods.echo, Msg.self, Msg.self) { request, context in
                if let value = context.metadata.first("x-echo") { context.initialMetadata.add("x-echo", value) }
                if let value = context.metadata.firstBinary("x-trailer-bin") {
                    context.trailingMetadata.add("x-trailer-bin", binary: value)
                }
                return request
            },
            // Answers with bytes encoded ahead, as a service returning a stored record does;
            // compresses them when the request asks with `x-compress`.
            .unary(TestMethods.stored, Msg.self, Msg.self) { request, context in
                var reply = request
                reply.payload.reverse()
                context.encodedResponse = try reply.serializedBytes()
                if context.metadata.first("x-compress") != nil { context.responseCompression = .gzip }
                return reply
            },
            .unary(TestMethods.fail, Msg.self, Msg.self) { request, _ in
                throw RPCError(code: .failedPrecondition, message: String(decoding: request.payload, as: UTF8.self))
            },
            // INVALID_ARGUMENT with a google.rpc.BadRequest naming the payload, in the trailers.
            .unary(TestMethods.reject, Msg.self, Msg.self) { request, _ in
                throw RPCError.invalidArgument([
                    FieldViolation(field: "payload", description: "\(request.payload.count) bytes is too short")
                ])
            },
            .unary(TestMethods.sleep, Msg.self, Msg.self) { request, _ in
                observations.startedSleeps.add(1, ordering: .relaxed)
                do {
                    try await Task.sleep(for: .seconds(30))
                } catch {
                    observations.cancelledHandlers.add(1, ordering: .relaxed)
                    throw error
                }
                return request
            },
            .serverStreaming(TestMethods.count, Msg.self, Msg.self) { request, writer, _ in
                for i in 0..<request.payload.count {
                    var message = Msg()
                    message.payload = [UInt8(truncatingIfNeeded: i)]
                    try await writer.write(message)
                }
            },
            // As Count, then ABORTED: what was sent before the failure must still be read.
            .serverStreaming(TestMethods.countThenFail, Msg.self, Msg.self) { request, writer, _ in
                for i in 0..<request.payload.count { try await writer.write(msg([UInt8(truncatingIfNeeded: i)])) }
                throw RPCError(code: .aborted, message: "after \(request.payload.count)")
            },
            .clientStreaming(TestMethods.collect, Msg.self, Msg.self) { requests, _ in
                var all = Msg()
                for try await request in requests { all.payload += request.payload }
                return all
            },
            // One 1 KiB message per request byte: enough volume to exceed a flow-control window.
            .serverStreaming(TestMethods.fill, Msg.self, Msg.self) { request, writer, _ in
                let kibibyte = msg([UInt8](repeating: 9, count: 1024))
                for _ in 0..<request.payload.count { try await writer.write(kibibyte) }
            },
            // Pauses between requests, so it takes messages in turns of its own rather than in
            // the turn that received them: the path where credit must still be sent back.
            .clientStreaming(TestMethods.slowCollect, Msg.self, Msg.self) { requests, _ in
                var total = 0
                var count = 0
                for try await request in requests {
                    total += request.payload.count
                    count += 1
                    if count % 16 == 0 { try await Task.sleep(for: .microseconds(50)) }
                }
                return msg(Array(String(total).utf8))
            },
            .bidirectionalStreaming(TestMethods.chat, Msg.self, Msg.self) { requests, writer, _ in
                defer { observations.finishedHandlers.add(1, ordering: .relaxed) }
                for try await request in requests { try await writer.write(request) }
            },
        ]
    }
}

func msg(_ bytes: [UInt8]) -> Msg {
    var message = Msg()
    message.payload = bytes
    return message
}
