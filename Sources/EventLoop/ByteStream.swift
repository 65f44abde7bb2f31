/// A bidirectional byte stream on the loop thread: what HTTP/2 runs over. TCP implements it
/// today; TLS will be another implementation wrapping a TCP connection, with no change above.
public protocol ByteStream: AnyObject {
    var loop: EventLoop { get }
    /// Called with each chunk of received bytes; the buffer is only valid during the call.
    var onRead: ((UnsafeRawBufferPointer) -> Void)? { get set }
    /// Called once when the peer closes (nil) or the stream fails.
    var onEnd: ((SystemError?) -> Void)? { get set }
    /// Called when every queued write has been handed to the kernel.
    var onWritesDrained: (() -> Void)? { get set }
    /// Bytes accepted by ``write(_:)`` that the kernel has not taken yet.
    var queuedWriteBytes: Int { get }
    /// The peer's address, for gRPC's `peer` (nil if unknown).
    var peer: SocketAddress? { get }
    func startReading()
    func stopReading()
    /// Queues bytes for the peer; false if the stream is closed or failed.
    @discardableResult
    func write(_ bytes: UnsafeRawBufferPointer) -> Bool
    func close()
    /// Closes once what was written has reached the peer, dropping what it still sends, for at
    /// most `milliseconds`: how a server closes after its GOAWAY.
    func closeLingering(atMost milliseconds: UInt64)
}

extension TCPConnection: ByteStream {}
