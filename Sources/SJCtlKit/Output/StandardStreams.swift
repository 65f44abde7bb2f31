#if canImport(Glibc)
    import Glibc
#endif

/// Writes straight to file descriptors 1 and 2 with write(2): nothing is buffered, so each line
/// reaches a pipe when written (a `watch` feeding `grep`), and no C `FILE *` global is shared
/// across tasks.
public enum StandardStreams {
    public static func output(_ text: String) { write(text, to: 1) }
    public static func error(_ text: String) { write(text, to: 2) }

    static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return  // a closed pipe: nothing more can be shown
            }
            offset += written
        }
    }
}
