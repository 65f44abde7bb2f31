import Messages
import SyntheticCity

/// A 64-bit FNV-1a hash of every request of a city in timeline order, with ids spelled from the
/// references, so two cities compare by their bytes on the wire.
enum RequestFingerprint {
    static func of(_ city: SyntheticCity) throws -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for step in city.timeline {
            let request = city.request(for: step) { "\($0)" }
            for byte in try request.serializedBytes() {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        return hash
    }
}
