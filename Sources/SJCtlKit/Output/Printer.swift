public import Messages
public import SharedDomain
internal import Synchronization

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
            for item in items { StandardStreams.output(ProtoJSON.encode(item) + "\n") }
            writeWaitingNotes()
        } else if items.isEmpty {
            line(empty)
        } else {
            line(table(items).render())
        }
    }

    /// A line on standard output, flushed; then any note that was waiting for it.
    public func line(_ text: String) {
        StandardStreams.output(text + "\n")
        writeWaitingNotes()
    }

    private func writeWaitingNotes() {
        for note in Self.waiting.withLock({ notes in
            defer { notes.removeAll() }
            return notes
        }) {
            self.note(note)
        }
    }

    /// Notes held back until the next output, so that "there is more" comes after the list it is
    /// about, on a terminal too. sjctl prints one command's output per process.
    private static let waiting = Mutex<[String]>([])

    /// A note for people, written on standard error right after the next output line.
    public func noteAfterNextOutput(_ text: String) {
        Self.waiting.withLock { $0.append(text) }
    }

    /// A note for people on standard error (never part of the JSON output).
    public func note(_ text: String) {
        ErrorReport.writeStandardError(text + "\n")
    }

    /// Whether standard error is a terminal (for progress bars).
    public static var standardErrorIsTerminal: Bool { isatty(2) == 1 }
}
