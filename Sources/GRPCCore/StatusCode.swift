/// The outcome of an RPC, as carried in `grpc-status` (grpc `doc/statuscodes.md`).
///
/// A struct rather than an enum so that new codes can be added without breaking `switch`es in
/// callers, and so that an unknown code received from a peer is a parse failure, not a crash.
public struct StatusCode: Hashable, Sendable, CustomStringConvertible {
    /// The value sent in `grpc-status`.
    public let rawValue: Int32

    /// Returns `nil` for values outside 0...16.
    public init?(rawValue: Int32) {
        guard (0...16).contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    private init(_ rawValue: Int32) {
        self.rawValue = rawValue
    }

    public static let ok = StatusCode(0)
    public static let cancelled = StatusCode(1)
    public static let unknown = StatusCode(2)
    public static let invalidArgument = StatusCode(3)
    public static let deadlineExceeded = StatusCode(4)
    public static let notFound = StatusCode(5)
    public static let alreadyExists = StatusCode(6)
    public static let permissionDenied = StatusCode(7)
    public static let resourceExhausted = StatusCode(8)
    public static let failedPrecondition = StatusCode(9)
    public static let aborted = StatusCode(10)
    public static let outOfRange = StatusCode(11)
    public static let unimplemented = StatusCode(12)
    public static let internalError = StatusCode(13)
    public static let unavailable = StatusCode(14)
    public static let dataLoss = StatusCode(15)
    public static let unauthenticated = StatusCode(16)

    /// Every code, in numeric order.
    public static let all: [StatusCode] = (0...16).map { StatusCode($0) }

    private static let names = [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
        "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ]

    /// The canonical upper-case name, e.g. `INVALID_ARGUMENT`.
    public var description: String { Self.names[Int(rawValue)] }
}
