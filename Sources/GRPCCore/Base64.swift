/// Base64 with the standard alphabet (RFC 4648 §4), for `-bin` metadata.
///
/// gRPC peers emit `-bin` values with or without padding, so decoding accepts both; encoding
/// omits padding by default, as the spec asks.
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// 0xFF marks bytes outside the alphabet.
    private static let reverse: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() {
            table[Int(byte)] = UInt8(index)
        }
        return table
    }()

    public static func encode(_ bytes: [UInt8], padded: Bool = false) -> String {
        let fullGroups = bytes.count / 3
        let remainder = bytes.count % 3
        let length = fullGroups * 4 + (remainder == 0 ? 0 : (padded ? 4 : remainder + 1))
        return String(unsafeUninitializedCapacity: length) { output in
            var out = 0
            func emit(_ sextet: UInt32) {
                output[out] = alphabet[Int(sextet & 0x3F)]
                out += 1
            }
            var index = 0
            while index + 3 <= bytes.count {
                let group = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
                emit(group >> 18)
                emit(group >> 12)
                emit(group >> 6)
                emit(group)
                index += 3
            }
            if remainder > 0 {
                let group = UInt32(bytes[index]) << 16 | (remainder == 2 ? UInt32(bytes[index + 1]) << 8 : 0)
                emit(group >> 18)
                emit(group >> 12)
                if remainder == 2 { emit(group >> 6) }
                if padded {
                    for _ in remainder..<3 {
                        output[out] = UInt8(ascii: "=")
                        out += 1
                    }
                }
            }
            return out
        }
    }

    /// Decodes padded or unpadded input; `nil` for characters outside the alphabet, misplaced or
    /// excess padding, or a length no encoder produces. Unused trailing bits are ignored.
    public static func decode(_ string: String) -> [UInt8]? {
        decode(utf8: string.utf8)
    }

    static func decode(utf8 input: some Collection<UInt8>) -> [UInt8]? {
        var characters = input.count
        var padding = 0
        // Padding may only close the input, and only to complete a 4-character group.
        var scan = input.reversed().makeIterator()
        while padding < 3, scan.next() == UInt8(ascii: "=") {
            padding += 1
        }
        guard padding <= 2, padding == 0 || characters % 4 == 0 else { return nil }
        characters -= padding
        guard characters % 4 != 1 else { return nil }

        var output: [UInt8] = []
        output.reserveCapacity(characters / 4 * 3 + 2)
        var accumulator: UInt32 = 0
        var bits = 0
        var consumed = 0
        for byte in input {
            guard consumed < characters else { break }
            let value = reverse[Int(byte)]
            guard value != 0xFF else { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
            consumed += 1
        }
        return output
    }
}
