public import GRPCCore

/// What the server knows about a call once it is over: what a log line or a metric needs.
public struct CallSummary: Sendable {
    public let method: MethodDescriptor
    public let peer: String
    /// The request's `request_id`, for requests that carry one.
    public let requestId: String?
    /// The status the client was sent (CANCELLED when the client went away first).
    public let status: Status
    /// What the handler threw, before it became the status: for the log, never the client.
    public let cause: (any Error)?
    public let duration: Duration
}
