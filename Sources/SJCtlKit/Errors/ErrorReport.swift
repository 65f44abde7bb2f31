import ArgumentParser
public import GRPCCore

/// Failures as sentences for people, and the exit code each one gets.
///
/// Exit codes (docs/sjctl.md): 0 done; 1 the server refused or failed the request; 2 the command
/// line was wrong (usage); 3 the server could not be reached.
///
///     intake refused the request (INVALID_ARGUMENT): 2 fields are wrong
///       division_code: must be 6 digits
///       name: must not be blank
public enum ErrorReport {
    public static let refused: Int32 = 1
    public static let usage: Int32 = 2
    public static let unreachable: Int32 = 3

    /// The sentence (lines joined by "\n") and exit code for a failure of a call to `service` at
    /// `address`. Either may be nil when not known (a call made without ``Connections/call(_:_:)``).
    public static func describe(_ error: RPCError, service: ServiceName?, address: ServerAddress?) -> (
        text: String, exitCode: Int32
    ) {
        let who = service?.rawValue ?? "the server"
        let code = error.code.description
        let violations =
            error.metadata.firstBinary(StatusDetails.metadataKey).flatMap(StatusDetails.decodeBadRequest) ?? []
        switch error.code {
        case .unavailable:
            return (unavailable(error, who: who, service: service, address: address), unreachable)
        case .deadlineExceeded:
            return (
                "\(who) did not answer in time (DEADLINE_EXCEEDED): \(error.message)\n"
                    + "  Give it longer with --timeout SECONDS, or check the server's log for what it is waiting on.",
                refused
            )
        case .unimplemented:
            return (
                "\(who) does not offer this call (UNIMPLEMENTED): \(error.message)\n"
                    + "  Is \(address.map { "the server at \($0)" } ?? "the server") running \(who)? "
                    + "A server started with --services runs only the services it names.",
                refused
            )
        case .cancelled:
            return ("the call to \(who) was cancelled (CANCELLED): \(error.message)", refused)
        case .internalError, .unknown, .dataLoss:
            return ("\(who) failed (\(code)): \(error.message)", refused)
        default:
            break
        }
        var lines: [String] = []
        let joined = violations.map { "\($0.field): \($0.description)" }.joined(separator: "; ")
        if !violations.isEmpty && (error.message == joined || error.message.isEmpty) {
            let count = violations.count == 1 ? "1 field is wrong" : "\(violations.count) fields are wrong"
            lines.append("\(who) refused the request (\(code)): \(count)")
        } else {
            lines.append("\(who) refused the request (\(code)): \(error.message)")
        }
        lines += violations.map { "  \($0.field): \($0.description)" }
        if let hint = hint(for: error.code) { lines.append("  " + hint) }
        return (lines.joined(separator: "\n"), refused)
    }

    private static func unavailable(_ error: RPCError, who: String, service: ServiceName?, address: ServerAddress?)
        -> String
    {
        // The channel's own failure to connect reads "cannot reach ADDRESS: REASON"; anything else
        // with UNAVAILABLE came from a server that was reached but could not serve.
        let prefix = "cannot reach "
        guard error.message.hasPrefix(prefix) else {
            return "\(who) is unavailable (UNAVAILABLE): \(error.message)\n"
                + "  The server was reached but could not serve the call; it is usually a service it depends on. Try again shortly."
        }
        var reason = String(error.message.dropFirst(prefix.count))
        // "ipv4:127.0.0.1:50051: connect to ipv4:…: connection refused (ECONNREFUSED)": the address
        // is said once, so only the last part, the reason itself, is kept.
        if let colon = reason.ranges(of: ": ").last { reason = String(reason[colon.upperBound...]) }
        let target = address.map { "\($0)" } ?? "the server"
        var lines = ["could not reach \(who) at \(target): \(reason)"]
        lines.append(
            "  Is a server running there? Start one in the repository with `make run` (all three services on 127.0.0.1:50051),"
        )
        if let service {
            lines.append(
                "  or point sjctl at the right address with --server HOST:PORT (env SJ_SERVER) or \(service.flag) (env \(service.environmentVariable))."
            )
        } else {
            lines.append("  or point sjctl at the right address with --server HOST:PORT (env SJ_SERVER).")
        }
        return lines.joined(separator: "\n")
    }

    private static func hint(for code: StatusCode) -> String? {
        switch code {
        case .aborted:
            "It changed since it was read: look at it again (get), then retry if what you meant still applies."
        case .alreadyExists:
            "If you are retrying, reuse the same --request-id; a new request with an id already used is refused."
        case .resourceExhausted:
            "The message is over the server's 4 MiB limit; send less at once."
        default:
            nil
        }
    }

    /// Prints what went wrong to standard error and returns the exit code, for any error a
    /// command can throw.
    public static func report(_ error: any Error) -> Int32 {
        let (text, code) = describe(error)
        writeStandardError(text + "\n")
        return code
    }

    public static func describe(_ error: any Error) -> (text: String, exitCode: Int32) {
        switch error {
        case let failure as ServiceCallError:
            var (text, code) = describe(failure.error, service: failure.service, address: failure.address)
            if let id = failure.requestID, mayHaveBeenApplied(failure.error) {
                text +=
                    "\n  The request may have been applied. Retry with --request-id \(id): a retry with the same id never creates twice."
            }
            return (text, code)
        case let failure as RPCError:
            return describe(failure, service: nil, address: nil)
        case let failure as ValidationError:
            return ("sjctl: \(failure.message)", usage)
        case let failure as CommandFailure:
            return (failure.message, failure.exitCode)
        default:
            return ("sjctl: \(error)", refused)
        }
    }

    /// Whether a failed write may still have been done: the server did not say no, the answer was
    /// lost (no answer in time, the connection dropped after sending).
    static func mayHaveBeenApplied(_ error: RPCError) -> Bool {
        switch error.code {
        case .deadlineExceeded, .cancelled, .internalError, .unknown: true
        case .unavailable: !error.message.hasPrefix("cannot reach ")
        default: false
        }
    }

    public static func writeStandardError(_ text: String) {
        StandardStreams.error(text)
    }
}

/// A failure a command reports itself, with the text to print and the exit code.
public struct CommandFailure: Error, Sendable {
    public let message: String
    public let exitCode: Int32

    public init(_ message: String, exitCode: Int32 = ErrorReport.refused) {
        self.message = message
        self.exitCode = exitCode
    }
}
