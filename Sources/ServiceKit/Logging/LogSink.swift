internal import Synchronization

#if canImport(Glibc)
    internal import Glibc
#endif

/// Where finished log lines go. Standard error by default (standard output is the server's
/// "listening on" line and nothing else); tests capture lines instead.
public struct LogSink: Sendable {
    let write: @Sendable (String) -> Void

    public init(_ write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// One write(2) per line, so lines from different threads never interleave.
    public static let standardError = LogSink { line in
        var text = line + "\n"
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(2, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }

    /// Keeps every line in memory, for tests.
    public final class Capture: Sendable {
        private let stored = Mutex<[String]>([])
        public init() {}
        public var lines: [String] { stored.withLock { $0 } }
        public var sink: LogSink { LogSink { line in self.stored.withLock { $0.append(line) } } }
    }
}
