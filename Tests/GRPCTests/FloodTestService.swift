import GRPCCore
import Messages
import Synchronization

@testable import GRPC

/// Streams as much as asked for to clients that may not read it, and records what its handlers
/// did and which server objects they ran on, so tests can see the output bound and what a closed
/// connection leaves behind.
final class FloodTestService: RegistrableService {
    static let flood = MethodDescriptor(service: "test.Flood", method: "Flood", kind: .serverStreaming)

    /// Messages every handler has finished writing.
    let writesDone = Atomic<Int>(0)
    let handlersStarted = Atomic<Int>(0)
    /// Handlers that returned or threw, for whatever reason.
    let handlersEnded = Atomic<Int>(0)
    private let calls = Mutex<[WeakReference]>([])

    /// The request's payload is two little-endian UInt32: the message count, then each message's size.
    var methods: [ServerMethod] {
        [
            .serverStreaming(Self.flood, Msg.self, Msg.self) { [self] request, writer, _ in
                handlersStarted.add(1, ordering: .relaxed)
                defer { handlersEnded.add(1, ordering: .relaxed) }
                calls.withLock { $0 += [WeakReference(writer.call), WeakReference(writer.call.connection)] }
                let (count, size) = Self.decode(request.payload)
                for _ in 0..<count {
                    try await writer.write(msg([UInt8](repeating: 7, count: size)))
                    writesDone.add(1, ordering: .relaxed)
                }
            }
        ]
    }

    /// Server calls and connections the handlers ran on that are still alive. Read it on the
    /// server's loop, so that the last reference to one is never dropped on the test's thread.
    var liveServerObjects: Int {
        calls.withLock { references in Set(references.compactMap { $0.object.map(ObjectIdentifier.init) }).count }
    }

    static func request(count: Int, size: Int) -> Msg {
        msg([count, size].flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } })
    }

    private static func decode(_ payload: [UInt8]) -> (count: Int, size: Int) {
        let words = stride(from: 0, to: 8, by: 4).map { offset in
            (0..<4).reduce(0) { $0 | Int(payload[offset + $1]) << (8 * $1) }
        }
        return (words[0], words[1])
    }
}
