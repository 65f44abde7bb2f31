/// A protobuf wire-format reader: enough to walk a message's fields by number, for code that
/// reads a few messages without generated types (google.rpc.Status details here; sjctl's
/// descriptor-driven printing).
///
/// Malformed input ends the walk (`next()` returns nil and `malformation` says what was wrong)
/// instead of trapping or throwing: callers treat what they could not read as absent, or throw
/// the reason (the reflection service's descriptor index).
public struct WireReader {
    public enum Value {
        case varint(UInt64)
        case fixed64(UInt64)
        case lengthDelimited(ArraySlice<UInt8>)
        case fixed32(UInt32)
    }

    private let bytes: ArraySlice<UInt8>
    private var index: Int
    /// What was wrong with the input where the walk stopped; nil while it is well formed.
    public private(set) var malformation: String?
    public var isMalformed: Bool { malformation != nil }

    public init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        index = bytes.startIndex
    }

    public init(_ bytes: [UInt8]) {
        self.init(bytes[...])
    }

    /// The next field, or nil at the end of the message or at the first malformed byte.
    public mutating func next() -> (number: Int, value: Value)? {
        guard index < bytes.endIndex, !isMalformed else { return nil }
        guard let key = readVarint() else { return fail("truncated or overlong varint") }
        // Field numbers are 1 to 2^29 - 1.
        guard key >> 3 > 0, key >> 3 < 1 << 29 else { return fail("field number \(key >> 3)") }
        let number = Int(key >> 3)
        switch key & 7 {
        case 0:
            guard let value = readVarint() else { return fail("truncated or overlong varint") }
            return (number, .varint(value))
        case 1:
            guard let value = readFixed(8) else { return fail("truncated fixed field") }
            return (number, .fixed64(value))
        case 2:
            guard let length = readVarint(), length <= UInt64(bytes.endIndex - index) else {
                return fail("field \(number) runs past the end of its message")
            }
            let start = index
            index += Int(length)
            return (number, .lengthDelimited(bytes[start..<index]))
        case 5:
            guard let value = readFixed(4) else { return fail("truncated fixed field") }
            return (number, .fixed32(UInt32(truncatingIfNeeded: value)))
        default:
            // Groups (3, 4) are proto2-only and never produced for our schemas.
            return fail("unsupported wire type \(key & 7) for field \(number)")
        }
    }

    /// Reads consecutive varints: the payload of a packed repeated field.
    public static func packedVarints(_ bytes: ArraySlice<UInt8>) -> [UInt64] {
        var reader = WireReader(bytes)
        var values: [UInt64] = []
        while reader.index < reader.bytes.endIndex, let value = reader.readVarint() { values.append(value) }
        return values
    }

    /// Reads consecutive little-endian values of `width` bytes (4 or 8): a packed fixed field.
    public static func packedFixed(_ bytes: ArraySlice<UInt8>, width: Int) -> [UInt64] {
        var reader = WireReader(bytes)
        var values: [UInt64] = []
        while reader.index < reader.bytes.endIndex, let value = reader.readFixed(width) { values.append(value) }
        return values
    }

    private mutating func fail(_ reason: String) -> (number: Int, value: Value)? {
        malformation = reason
        return nil
    }

    private mutating func readVarint() -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.endIndex, shift < 64 {
            let byte = bytes[index]
            index += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
        return nil
    }

    private mutating func readFixed(_ width: Int) -> UInt64? {
        guard bytes.endIndex - index >= width else { return nil }
        var result: UInt64 = 0
        for offset in 0..<width {
            result |= UInt64(bytes[index + offset]) << (8 * UInt64(offset))
        }
        index += width
        return result
    }
}

extension WireReader.Value {
    public var varint: UInt64? {
        if case .varint(let value) = self { value } else { nil }
    }

    public var slice: ArraySlice<UInt8>? {
        if case .lengthDelimited(let bytes) = self { bytes } else { nil }
    }

    public var text: String? { slice.map { String(decoding: $0, as: UTF8.self) } }
}
