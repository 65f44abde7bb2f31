extension RPCError {
    /// The message sent for errors that do not choose their own status. Deliberately generic:
    /// an arbitrary error's description may contain paths, SQL or other internals.
    public static let unexpectedErrorMessage = "the server failed with an unexpected error"

    /// Maps anything a handler throws to the status the peer sees.
    ///
    /// - ``RPCError`` and ``RPCErrorConvertible`` keep the status they chose.
    /// - `CancellationError` becomes `CANCELLED`.
    /// - Anything else becomes `UNKNOWN` with ``unexpectedErrorMessage``; the original error is kept
    ///   in ``cause`` for logging.
    public init(converting error: any Error) {
        switch error {
        case let error as RPCError:
            self = error
        case let error as any RPCErrorConvertible:
            self = error.rpcError
        case is CancellationError:
            self.init(code: .cancelled, message: "the RPC was cancelled", cause: error)
        default:
            self.init(code: .unknown, message: Self.unexpectedErrorMessage, cause: error)
        }
    }
}
