public import Logging

/// How a server logs: format, level, and whether every call gets a line.
public struct LogOptions: Sendable {
    public var format: LogFormat
    public var level: Logger.Level
    /// A line per call (method, status, duration, request id), not only per failed call.
    public var accessLog: Bool
    public var sink: LogSink

    public init(
        format: LogFormat = .json, level: Logger.Level = .info, accessLog: Bool = false, sink: LogSink = .standardError
    ) {
        self.format = format
        self.level = level
        self.accessLog = accessLog
        self.sink = sink
    }

    /// A logger labelled `label` ("intake", "server") writing with these options. Each logger is
    /// made directly rather than through LoggingSystem.bootstrap, which a process may call once:
    /// tests run many servers with their own options in one process.
    public func logger(_ label: String) -> Logger {
        let (format, level, sink) = (format, level, sink)
        var logger = Logger(label: label) { label in
            LineLogHandler(label: label, format: format, level: level, sink: sink)
        }
        logger.logLevel = level
        return logger
    }
}
