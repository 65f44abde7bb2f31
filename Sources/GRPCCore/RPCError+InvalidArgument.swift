extension RPCError {
    /// `INVALID_ARGUMENT` naming every bad field twice: in the message for people and plain
    /// clients, and as a `google.rpc.BadRequest` in `grpc-status-details-bin` for rich clients.
    public static func invalidArgument(_ violations: [FieldViolation]) -> RPCError {
        let message = violations.map { "\($0.field): \($0.description)" }.joined(separator: "; ")
        var metadata = Metadata()
        metadata.add(
            StatusDetails.metadataKey,
            binary: StatusDetails.encode(code: .invalidArgument, message: message, badRequest: violations))
        return RPCError(code: .invalidArgument, message: message, metadata: metadata)
    }
}
