/// Request ids (幂等键) for creating calls: a random UUID (version 4) per invocation, unless the
/// operator gives `--request-id` to make a retried command idempotent. Printed with the result so
/// the operator can retry with it.
public enum RequestID {
    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = bytes[6] & 0x0F | 0x40  // version 4
        bytes[8] = bytes[8] & 0x3F | 0x80  // RFC 4122 variant
        let hex = bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }
        return [0..<4, 4..<6, 6..<8, 8..<10, 10..<16].map { hex[$0].joined() }.joined(separator: "-")
    }

    /// The id to send: the operator's, or a fresh one. The common conventions allow 1-128
    /// printable ASCII characters; the service checks.
    public static func resolve(_ given: String?) -> String {
        given ?? random()
    }

    /// A stable id from content: FNV-1a (64-bit) of `bytes`, so re-importing the same row of the
    /// same file replays instead of failing, while a changed row is a new request.
    public static func derived(prefix: String, bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let digits = String(hash, radix: 16)
        return prefix + String(repeating: "0", count: 16 - digits.count) + digits
    }
}
