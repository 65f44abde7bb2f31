/// The percent-encoding of `grpc-message` (grpc `doc/PROTOCOL-HTTP2.md`): the UTF-8 bytes
/// 0x20–0x7E other than `%` pass through, every other byte becomes `%XX`.
public enum PercentEncoding {
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func passesThrough(_ byte: UInt8) -> Bool {
        (0x20...0x7E).contains(byte) && byte != UInt8(ascii: "%")
    }

    public static func encode(_ message: String) -> String {
        // Most messages are plain ASCII: keep them without copying.
        guard !message.utf8.allSatisfy(passesThrough) else { return message }
        var output: [UInt8] = []
        output.reserveCapacity(message.utf8.count * 3)
        for byte in message.utf8 {
            if passesThrough(byte) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Never fails, because a bad `grpc-message` must not hide the `grpc-status` beside it:
    /// a `%` without two hex digits stays literal, and invalid UTF-8 becomes U+FFFD.
    public static func decode(_ value: String) -> String {
        guard value.utf8.contains(UInt8(ascii: "%")) else { return value }
        let input = Array(value.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "%"), index + 2 < input.count,
                let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(input[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
