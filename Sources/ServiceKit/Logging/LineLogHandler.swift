public import Logging
internal import Messages
public import SharedDomain

/// swift-log's handler for our services: one line per event, as JSON or as text, with the logger's
/// label and every metadata value. Formatting happens on the calling thread; the sink writes the
/// whole line at once.
public struct LineLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level
    let label: String
    let format: LogFormat
    let sink: LogSink
    let clock: any WallClock

    public init(
        label: String, format: LogFormat, level: Logger.Level, sink: LogSink = .standardError,
        clock: any WallClock = SystemClock()
    ) {
        self.label = label
        self.format = format
        self.logLevel = level
        self.sink = sink
        self.clock = clock
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { $1 } }
        if let extra = event.metadata { fields.merge(extra) { $1 } }
        if let error = event.error { fields["error"] = "\(error)" }
        let time = LogTimestamp.format(clock.now())
        switch format {
        case .json:
            var line = "{\"time\":\(JSONString.quoted(time)),\"level\":\(JSONString.quoted(event.level.rawValue))"
            line +=
                ",\"logger\":\(JSONString.quoted(label)),\"message\":\(JSONString.quoted(event.message.description))"
            for key in fields.keys.sorted() {
                line += ",\(JSONString.quoted(key)):\(Self.json(fields[key]!))"
            }
            sink.write(line + "}")
        case .text:
            var line = "\(time) \(event.level.rawValue.uppercased()) [\(label)] \(event.message)"
            for key in fields.keys.sorted() { line += " \(key)=\(Self.text(fields[key]!))" }
            sink.write(line)
        }
    }

    static func json(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let text): JSONString.quoted(text)
        case .stringConvertible(let value): JSONString.quoted(value.description)
        case .array(let values): "[" + values.map(json).joined(separator: ",") + "]"
        case .dictionary(let values):
            "{" + values.keys.sorted().map { "\(JSONString.quoted($0)):\(json(values[$0]!))" }.joined(separator: ",")
                + "}"
        }
    }

    static func text(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let text):
            text.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) || text.isEmpty
                ? JSONString.quoted(text) : text
        default: "\(value)"
        }
    }
}
