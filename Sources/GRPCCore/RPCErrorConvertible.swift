/// An error that knows which gRPC status it should surface as.
///
/// Domain errors adopt this so that the server reports, say, `NOT_FOUND` instead of `UNKNOWN`,
/// without the domain module knowing anything else about gRPC.
public protocol RPCErrorConvertible: Error {
    var rpcError: RPCError { get }
}

extension RPCError: RPCErrorConvertible {
    public var rpcError: RPCError { self }
}
