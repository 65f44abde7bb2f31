/// Walks the fields of one protobuf message, enough to read google.rpc.Status back.
/// Returns `nil` from ``nextField()`` at the end and throws nothing: callers treat malformed
/// input as absent via ``isMalformed``.
struct ProtobufReader {
    enum FieldValue {
        case varint(UInt64)
        case bytes(ArraySlice<UInt8>)
        case fixed
    }

    private let bytes: ArraySlice<UInt8>
    private var index: Int
    private(set) var isMalformed = false

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    mutating func nextField() -> (number: UInt64, value: FieldValue)? {
        guard !isMalformed, index < bytes.endIndex else { return nil }
        guard let key = readVarint(), key >> 3 != 0 else { return fail() }
        let field = key >> 3
        switch key & 7 {
        case 0:
            guard let value = readVarint() else { return fail() }
            return (field, .varint(value))
        case 1, 5:
            let width = key & 7 == 1 ? 8 : 4
            guard bytes.endIndex - index >= width else { return fail() }
            index += width
            return (field, .fixed)
        case 2:
            guard let length = readVarint(), length <= UInt64(bytes.endIndex - index) else { return fail() }
            let value = bytes[index..<index + Int(length)]
            index += Int(length)
            return (field, .bytes(value))
        default:
            // Groups (3, 4) never appear in these messages; anything else is not protobuf.
            return fail()
        }
    }

    private mutating func fail() -> (number: UInt64, value: FieldValue)? {
        isMalformed = true
        return nil
    }

    private mutating func readVarint() -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.endIndex, shift < 64 {
            let byte = bytes[index]
            index += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
        return nil
    }
}
