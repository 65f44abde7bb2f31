internal import CUV

/// One end of two byte streams joined in memory on one loop: what one end writes, the other reads
/// on a later loop turn, as if over a socket. HTTP/2 runs over it unchanged, so a call between
/// two ends takes the same path as a call over TCP. Loop thread only.
///
/// Written bytes count as queued (``queuedWriteBytes``) until the other end has read them, so a
/// reader that stops reading pushes back on its writer the way a full socket does.
public final class InProcessByteStream: ByteStream {
    public let loop: EventLoop
    /// Runs delivery in a later turn: never inside ``write(_:)``, whose caller may be mid-flush.
    private let handle: UnsafeMutablePointer<uv_idle_t>
    /// Dropped when this end closes, so that the pair does not keep itself alive.
    private var other: InProcessByteStream?
    /// What the other end wrote that this end has not read yet.
    private var inbound: [UInt8] = []
    /// The batch being handed to ``onRead``; bytes written meanwhile go to `inbound`.
    private var delivering: [UInt8] = []
    private var deliveredOffset = 0
    private var otherEndClosed = false
    private var endDelivered = false
    private var isReading = false
    private var isScheduled = false
    private var isClosed = false

    /// As large as a TCP connection's read buffer, so reads arrive in chunks of the same size.
    static let chunkSize = 64 * 1024

    public var onRead: ((UnsafeRawBufferPointer) -> Void)?
    public var onEnd: ((SystemError?) -> Void)?
    public var onWritesDrained: (() -> Void)?
    /// Always nil: there is no socket address.
    public var peer: SocketAddress? { nil }

    /// Two ends joined to each other on `loop`. Each must be closed, like any handle.
    public static func makePair(loop: EventLoop) -> (InProcessByteStream, InProcessByteStream) {
        loop.assertInEventLoop()
        let first = InProcessByteStream(loop: loop)
        let second = InProcessByteStream(loop: loop)
        first.other = second
        second.other = first
        return (first, second)
    }

    private init(loop: EventLoop) {
        self.loop = loop
        handle = .allocate(capacity: 1)
        uv_idle_init(loop.loop, handle)
        // Retained while libuv holds the handle; released in the close callback.
        handle.pointee.data = Unmanaged.passRetained(self).toOpaque()
    }

    /// Bytes written that the other end has not read yet.
    public var queuedWriteBytes: Int {
        guard let other, !other.isClosed else { return 0 }
        return other.unreadBytes
    }

    private var unreadBytes: Int { inbound.count + delivering.count - deliveredOffset }

    public var isOpen: Bool { !isClosed }

    public func startReading() {
        guard !isClosed, !isReading else { return }
        isReading = true
        scheduleDelivery()
    }

    /// Stops reading: what the other end writes waits here and counts against its queue.
    public func stopReading() {
        isReading = false
    }

    @discardableResult
    public func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard !isClosed, let other, !other.isClosed else { return false }
        guard !bytes.isEmpty else { return true }
        other.inbound.append(contentsOf: bytes)
        other.scheduleDelivery()
        return true
    }

    /// Closes this end; the other end reads what was already written, then its end.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        isReading = false
        onRead = nil
        inbound = []
        if let other {
            self.other = nil
            other.otherDidClose()
        }
        uv_close(UnsafeMutablePointer(OpaquePointer(handle))) { handle in
            let stream = Unmanaged<InProcessByteStream>.fromOpaque(handle!.pointee.data)
            let object = stream.takeUnretainedValue()
            object.handle.deallocate()
            object.onEnd = nil
            object.onWritesDrained = nil
            stream.release()
        }
    }

    /// The other end reads what was written before the end whenever it closes: there is no
    /// kernel here to answer unread bytes with a reset.
    public func closeLingering(atMost milliseconds: UInt64) { close() }

    private func otherDidClose() {
        otherEndClosed = true
        scheduleDelivery()
    }

    private var hasSomethingToDeliver: Bool { !inbound.isEmpty || (otherEndClosed && !endDelivered) }

    private func scheduleDelivery() {
        guard !isScheduled, !isClosed, isReading, hasSomethingToDeliver else { return }
        isScheduled = true
        uv_idle_start(handle) { handle in
            Unmanaged<InProcessByteStream>.fromOpaque(handle!.pointee.data).takeUnretainedValue().deliver()
        }
    }

    private func deliver() {
        isScheduled = false
        uv_idle_stop(handle)
        guard isReading, !isClosed else { return }
        if !inbound.isEmpty {
            swap(&inbound, &delivering)
            deliveredOffset = 0
            while deliveredOffset < delivering.count, isReading, !isClosed {
                let start = deliveredOffset
                deliveredOffset = min(start + Self.chunkSize, delivering.count)
                let end = deliveredOffset
                delivering.withUnsafeBytes { onRead?(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
            }
            if !isClosed, deliveredOffset < delivering.count {
                // Reading stopped mid-batch: the rest stays first in line.
                inbound.insert(contentsOf: delivering[deliveredOffset...], at: 0)
            }
            delivering.removeAll(keepingCapacity: true)
            deliveredOffset = 0
            if !isClosed, inbound.isEmpty, let other, !other.isClosed { other.onWritesDrained?() }
        }
        if isReading, !isClosed, inbound.isEmpty, otherEndClosed, !endDelivered {
            endDelivered = true
            isReading = false
            onEnd?(nil)
            return
        }
        scheduleDelivery()
    }
}
