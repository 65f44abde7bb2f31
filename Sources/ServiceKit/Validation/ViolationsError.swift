public import GRPCCore

/// Field violations carried through a `Result` (a streamed row's rejection), reported like any
/// other bad request when thrown.
public struct ViolationsError: Error, RPCErrorConvertible {
    public let violations: Violations

    public init(violations: Violations) {
        self.violations = violations
    }

    public var rpcError: RPCError { RPCError.invalidArgument(violations.all) }
}
