public import Messages
public import SharedDomain

#if canImport(Glibc)
    import Glibc
#endif

/// Where a command's results go: standard output, as proto3 JSON lines with `--json` or as text
/// for people otherwise. Notes for people (how to get the next page, progress) go to standard
/// error, so standard output stays clean for a pipe.
///
/// Each line is flushed as written: `sjctl watch … | grep` must see an alert when it happens, not
/// when a 4 KB buffer fills.
public struct Printer: Sendable {
    public let json: Bool
    public let zone: CityTimeZone

    public init(json: Bool, zone: CityTimeZone = .shanghai) {
        self.json = json
        self.zone = zone
    }

    public init(_ options: ConnectionOptions) {
        self.init(json: options.json, zone: (try? options.zone()) ?? .shanghai)
    }

    /// One resource: a JSON line, or a key/value block.
    public func resource<M: ProtoMessage>(_ message: M) {
        if json {
            line(ProtoJSON.encode(message))
        } else {
            line(KeyValueBlock(zone: zone).render(message))
        }
    }

    /// One resource, with a view of its own for people.
    public func resource<M: ProtoMessage>(_ message: M, text: (M) -> String) {
        line(json ? ProtoJSON.encode(message) : text(message))
    }

    /// Items of a list: one JSON line each, or a table built from all of them.
    public func list<M: ProtoMessage>(_ items: [M], empty: String = "(none)", table: ([M]) -> TextTable) {
        if json {
            for item in items { line(ProtoJSON.encode(item)) }
        } else if items.isEmpty {
            line(empty)
        } else {
            line(table(items).render())
        }
    }

    /// A line on standard output, flushed.
    public func line(_ text: String) {
        StandardStreams.output(text + "\n")
    }

    /// A note for people on standard error (never part of the JSON output).
    public func note(_ text: String) {
        ErrorReport.writeStandardError(text + "\n")
    }

    /// Whether standard error is a terminal (for progress bars).
    public static var standardErrorIsTerminal: Bool { isatty(2) == 1 }
}
