import EventLoop
import HTTP2

/// Moves one HTTP/2 session's frames to its byte stream: at most once per loop turn, however many
/// calls produced output in it, and only while the kernel keeps up.
///
/// Frames are pulled from nghttp2 a chunk at a time, and pulling stops as soon as the kernel
/// refuses part of a chunk: a peer that grants a large window but does not read then leaves the
/// rest in the session (counted in ``HTTP2Session/queuedBodyBytes``, where the connection's bound
/// sees it) instead of having it copied into an ever-growing write queue. So at most one chunk
/// waits in the stream, and the pump's own buffer never grows past a chunk and a frame.
final class OutputPump {
    /// Bytes pulled from nghttp2 per write: large enough that a busy connection writes in few
    /// syscalls, small enough that each connection's buffer costs little (nghttp2's own examples
    /// stop at 64 KiB too).
    static let chunkBytes = 64 << 10

    private let session: HTTP2Session
    private unowned let stream: any ByteStream
    private let loop: EventLoop
    private var scheduled = false
    private var waitingForWrites = false
    private var buffer: [UInt8] = []
    /// Set when the connection closes; nothing is written after.
    var isStopped = false
    /// Runs after each flush that wrote (or had nothing to write): writers may go on.
    var afterFlush: () -> Void = {}
    /// Runs when the stream refused a write: the connection is gone.
    var onWriteFailure: () -> Void = {}

    init(session: HTTP2Session, stream: any ByteStream) {
        self.session = session
        self.stream = stream
        self.loop = stream.loop
        stream.onWritesDrained = { [unowned self] in
            if waitingForWrites {
                waitingForWrites = false
                schedule()
            }
        }
    }

    /// Asks for a flush at the end of this loop turn.
    func schedule() {
        guard !scheduled, !isStopped else { return }
        scheduled = true
        loop.atEndOfTurn { [self] in flush() }
    }

    /// Writes pending frames now, until the kernel stops taking them.
    func flush() {
        scheduled = false
        guard !isStopped else { return }
        if stream.queuedWriteBytes > 0 {
            // The last chunk is still waiting for the kernel; onWritesDrained brings us back.
            waitingForWrites = true
            return
        }
        while true {
            buffer.removeAll(keepingCapacity: true)
            session.drainOutput(atMost: Self.chunkBytes) { buffer.append(contentsOf: $0) }
            if buffer.isEmpty { break }
            if !buffer.withUnsafeBytes({ stream.write($0) }) {
                onWriteFailure()
                return
            }
            if stream.queuedWriteBytes > 0 {
                waitingForWrites = true
                break
            }
        }
        afterFlush()
    }

    func stop() {
        isStopped = true
        stream.onWritesDrained = nil
        buffer = []
    }
}
