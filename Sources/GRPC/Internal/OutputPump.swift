import EventLoop
import HTTP2

/// Moves one HTTP/2 session's frames to its byte stream: at most once per loop turn, however many
/// calls produced output in it, and only while the kernel keeps up. A peer that grants a large
/// window but does not read would otherwise make us queue without bound, so while more than
/// ``maxQueuedWriteBytes`` wait for the kernel, frames stay in nghttp2 and writers stay suspended.
final class OutputPump {
    static let maxQueuedWriteBytes = 1 << 20

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

    /// Writes every pending frame now.
    func flush() {
        scheduled = false
        guard !isStopped else { return }
        if stream.queuedWriteBytes > Self.maxQueuedWriteBytes {
            waitingForWrites = true
            return
        }
        buffer.removeAll(keepingCapacity: true)
        session.drainOutput { buffer.append(contentsOf: $0) }
        if !buffer.isEmpty, !buffer.withUnsafeBytes({ stream.write($0) }) {
            onWriteFailure()
            return
        }
        afterFlush()
    }

    func stop() {
        isStopped = true
        stream.onWritesDrained = nil
    }
}
