/// HTTP/2 error codes (RFC 9113 §7), as used in RST_STREAM and GOAWAY.
public enum HTTP2ErrorCode {
    public static let noError: UInt32 = 0x0
    public static let protocolError: UInt32 = 0x1
    public static let internalError: UInt32 = 0x2
    public static let flowControlError: UInt32 = 0x3
    public static let refusedStream: UInt32 = 0x7
    public static let cancel: UInt32 = 0x8
    public static let enhanceYourCalm: UInt32 = 0xB
}

/// nghttp2 refused the input; the connection cannot continue.
public struct HTTP2Error: Error, Hashable, Sendable, CustomStringConvertible {
    public let code: Int32
    public let description: String
}
