/// Writes gRPC Length-Prefixed-Messages: a compressed flag byte, a 4-byte big-endian length,
/// then the payload.
public struct MessageFramer: Sendable {
    /// The size of the flag-and-length prefix.
    public static let prefixLength = 5

    public init() {}

    /// Appends the prefix and `payload` to `buffer`.
    public static func frame(_ payload: [UInt8], compressed: Bool, into buffer: inout [UInt8]) {
        let start = beginFrame(into: &buffer)
        buffer.append(contentsOf: payload)
        endFrame(at: start, compressed: compressed, in: &buffer)
    }

    /// Reserves the prefix so the caller can serialize the payload straight into `buffer`, saving
    /// a copy; returns the prefix's offset for ``endFrame(at:compressed:in:)``.
    public static func beginFrame(into buffer: inout [UInt8]) -> Int {
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: prefixLength))
        return start
    }

    /// Writes the prefix at `start`, covering everything appended to `buffer` since
    /// ``beginFrame(into:)``.
    public static func endFrame(at start: Int, compressed: Bool, in buffer: inout [UInt8]) {
        let length = buffer.count - start - prefixLength
        precondition(length >= 0 && length <= Int(UInt32.max), "a gRPC message must be under 4 GiB")
        let value = UInt32(length)
        buffer[start] = compressed ? 1 : 0
        buffer[start + 1] = UInt8(truncatingIfNeeded: value >> 24)
        buffer[start + 2] = UInt8(truncatingIfNeeded: value >> 16)
        buffer[start + 3] = UInt8(truncatingIfNeeded: value >> 8)
        buffer[start + 4] = UInt8(truncatingIfNeeded: value)
    }
}
