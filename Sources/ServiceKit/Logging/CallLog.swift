public import GRPC
internal import GRPCCore
public import Logging

/// Turns finished calls into log lines on their service's logger: every failed call, and with
/// the access log every call. Server faults (INTERNAL, UNKNOWN, DATA_LOSS) are errors and carry
/// their cause; a client's mistake is a notice. Request metadata is never logged: it may carry
/// credentials.
public struct CallLog: Sendable {
    /// Loggers by gRPC service full name ("shuangjiang.intake.v1.IntakeService").
    let loggers: [String: Logger]
    let fallback: Logger
    let accessLog: Bool

    public init(loggers: [String: Logger], fallback: Logger, accessLog: Bool) {
        self.loggers = loggers
        self.fallback = fallback
        self.accessLog = accessLog
    }

    public func record(_ call: CallSummary) {
        let failed = call.status.code != .ok
        guard failed || accessLog else { return }
        let logger = loggers[call.method.service] ?? fallback
        var metadata: Logger.Metadata = [
            "method": "\(call.method.method)",
            "grpc_service": "\(call.method.service)",
            "status": "\(call.status.code)",
            "duration_ms": "\(Self.milliseconds(call.duration))",
            "peer": "\(call.peer)",
        ]
        if let requestId = call.requestId { metadata["request_id"] = "\(requestId)" }
        if failed, !call.status.message.isEmpty { metadata["status_message"] = "\(call.status.message)" }
        switch call.status.code {
        case .internalError, .unknown, .dataLoss:
            if let cause = call.cause { metadata["cause"] = "\(cause)" }
            logger.error("call failed", metadata: metadata)
        case .ok:
            logger.info("call", metadata: metadata)
        case .cancelled:
            // The client went away (or a server-streaming watch ended at shutdown): routine.
            logger.debug("call cancelled", metadata: metadata)
        default:
            logger.notice(failed ? "call failed" : "call", metadata: metadata)
        }
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let micros = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        return "\(micros / 1000).\(String(repeating: "0", count: 3 - String(micros % 1000).count))\(micros % 1000)"
    }
}
