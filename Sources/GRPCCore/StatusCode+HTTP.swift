extension StatusCode {
    /// The status of a stream the peer reset with RST_STREAM `code` (grpc `doc/PROTOCOL-HTTP2.md`).
    ///
    /// From a server the spec's table applies. From a client, every reset means the client
    /// abandoned the call ("mapped to call cancellation when sent by a client"), so the handler
    /// sees `CANCELLED` whatever the code.
    public static func fromHTTP2ErrorCode(_ code: UInt32, fromServer: Bool) -> StatusCode {
        guard fromServer else { return .cancelled }
        switch code {
        case 0x7: return .unavailable  // REFUSED_STREAM: nothing was processed; safe to retry.
        case 0x8: return .cancelled  // CANCEL
        case 0xB: return .resourceExhausted  // ENHANCE_YOUR_CALM
        case 0xC: return .permissionDenied  // INADEQUATE_SECURITY
        // NO_ERROR before trailers, PROTOCOL, INTERNAL, FLOW_CONTROL, SETTINGS_TIMEOUT,
        // STREAM_CLOSED, FRAME_SIZE, COMPRESSION, CONNECT, HTTP_1_1_REQUIRED and unknown codes,
        // as in grpc core's grpc_http2_error_to_grpc_status.
        default: return .internalError
        }
    }

    /// The status a client reports for a response whose `:status` is not 200
    /// (grpc `doc/http-grpc-status-mapping.md`).
    public static func fromHTTPStatus(_ status: Int) -> StatusCode {
        switch status {
        case 400: .internalError
        case 401: .unauthenticated
        case 403: .permissionDenied
        case 404: .unimplemented
        case 429, 502, 503, 504: .unavailable
        default: .unknown
        }
    }
}
