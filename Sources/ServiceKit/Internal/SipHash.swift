/// SipHash-2-4 (Aumasson and Bernstein): a keyed 64-bit MAC, fast on short inputs. Page tokens
/// carry one so that a client cannot edit a token into another valid one; a 64-bit tag makes a
/// forgery one guess in 2^64.
struct SipHash {
    private var v0: UInt64, v1: UInt64, v2: UInt64, v3: UInt64

    /// `key` holds at least 16 bytes; the first 16 are used.
    init(key: [UInt8]) {
        precondition(key.count >= 16, "SipHash takes a 128-bit key")
        let k0 = Self.word(key, at: 0)
        let k1 = Self.word(key, at: 8)
        v0 = k0 ^ 0x736f_6d65_7073_6575
        v1 = k1 ^ 0x646f_7261_6e64_6f6d
        v2 = k0 ^ 0x6c79_6765_6e65_7261
        v3 = k1 ^ 0x7465_6462_7974_6573
    }

    static func mac(key: [UInt8], _ message: [UInt8]) -> UInt64 {
        var state = SipHash(key: key)
        return state.finish(message)
    }

    private mutating func finish(_ message: [UInt8]) -> UInt64 {
        let whole = message.count / 8 * 8
        var offset = 0
        while offset < whole {
            compress(Self.word(message, at: offset))
            offset += 8
        }
        var last = UInt64(truncatingIfNeeded: message.count) << 56
        for (shift, byte) in message[whole...].enumerated() { last |= UInt64(byte) << (8 * UInt64(shift)) }
        compress(last)
        v2 ^= 0xff
        for _ in 0..<4 { round() }
        return v0 ^ v1 ^ v2 ^ v3
    }

    private mutating func compress(_ word: UInt64) {
        v3 ^= word
        round()
        round()
        v0 ^= word
    }

    private mutating func round() {
        v0 &+= v1
        v1 = v1.rotatedLeft(13) ^ v0
        v0 = v0.rotatedLeft(32)
        v2 &+= v3
        v3 = v3.rotatedLeft(16) ^ v2
        v0 &+= v3
        v3 = v3.rotatedLeft(21) ^ v0
        v2 &+= v1
        v1 = v1.rotatedLeft(17) ^ v2
        v2 = v2.rotatedLeft(32)
    }

    /// Little-endian, as the algorithm reads its input.
    private static func word(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
    }
}

extension UInt64 {
    fileprivate func rotatedLeft(_ count: UInt64) -> UInt64 { self << count | self >> (64 - count) }
}
