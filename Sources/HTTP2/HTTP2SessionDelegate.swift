/// What a session reports while it parses input. All calls happen on the session's thread, inside
/// ``HTTP2Session/receive(_:)``; the delegate may submit frames but must not call `receive` again.
public protocol HTTP2SessionDelegate: AnyObject {
    /// A complete header block: request or response headers, or trailers (`isTrailers`).
    /// `endStream` is set when the peer will send nothing more on the stream.
    func session(
        _ session: HTTP2Session, didReceiveHeaders headers: [HeaderField], stream: Int32, isTrailers: Bool,
        endStream: Bool)
    /// Body bytes, valid only during the call. The stream's flow-control window is credited only
    /// when the delegate calls ``HTTP2Session/consume(stream:bytes:)``.
    func session(_ session: HTTP2Session, didReceiveData data: UnsafeRawBufferPointer, stream: Int32)
    /// The peer ended the stream after DATA (not reported again for a header block with END_STREAM).
    func session(_ session: HTTP2Session, didReceiveEndOfStream stream: Int32)
    /// The stream is closed: normally (0) or reset with an HTTP/2 error code by either side.
    func session(_ session: HTTP2Session, streamDidClose stream: Int32, errorCode: UInt32)
    /// The peer sent GOAWAY: streams above `lastStreamID` were not and will not be processed.
    func session(_ session: HTTP2Session, didReceiveGoAway lastStreamID: Int32, errorCode: UInt32)
    /// A PING we sent was acknowledged.
    func sessionDidReceivePingAck(_ session: HTTP2Session)
    /// A header block was larger than the limit; the stream is being reset.
    func session(_ session: HTTP2Session, headersTooLargeOn stream: Int32)
    /// Our END_STREAM went out on `stream` (in DATA, HEADERS or trailers).
    func session(_ session: HTTP2Session, didSendEndOfStream stream: Int32)
}

extension HTTP2SessionDelegate {
    public func session(_ session: HTTP2Session, didReceiveGoAway lastStreamID: Int32, errorCode: UInt32) {}
    public func sessionDidReceivePingAck(_ session: HTTP2Session) {}
    public func session(_ session: HTTP2Session, headersTooLargeOn stream: Int32) {}
    public func session(_ session: HTTP2Session, didSendEndOfStream stream: Int32) {}
}
