/// Walks the fields of one serialized protobuf message, just enough to index descriptors:
/// descriptor.proto is proto2, which our generator does not compile, and reflection serves each
/// FileDescriptorProto byte for byte anyway, so nothing needs decoding in full.
struct ProtoWireReader {
    enum Value {
        case varint(UInt64)
        case lengthDelimited(ArraySlice<UInt8>)
        /// A fixed32 or fixed64; no field we index has one.
        case fixed
    }

    private let bytes: ArraySlice<UInt8>
    private var position: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.position = bytes.startIndex
    }

    /// The next field, or nil at the end of the message.
    mutating func next() throws(MalformedDescriptorError) -> (number: Int, value: Value)? {
        guard position < bytes.endIndex else { return nil }
        let tag = try readVarint()
        let number = Int(truncatingIfNeeded: tag >> 3)
        guard number > 0 && number <= 536_870_911 else {
            throw MalformedDescriptorError(reason: "field number \(number)")
        }
        switch tag & 7 {
        case 0:
            return (number, .varint(try readVarint()))
        case 1:
            try skip(8)
            return (number, .fixed)
        case 2:
            let length = try readVarint()
            guard length <= UInt64(bytes.endIndex - position) else {
                throw MalformedDescriptorError(reason: "field \(number) runs past the end of its message")
            }
            let start = position
            position += Int(length)
            return (number, .lengthDelimited(bytes[start..<position]))
        case 5:
            try skip(4)
            return (number, .fixed)
        default:
            // Groups (3, 4) are deprecated and descriptor.proto uses none.
            throw MalformedDescriptorError(reason: "unsupported wire type \(tag & 7) for field \(number)")
        }
    }

    private mutating func readVarint() throws(MalformedDescriptorError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while position < bytes.endIndex && shift < 64 {
            let byte = bytes[position]
            position += 1
            result |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
        throw MalformedDescriptorError(reason: "truncated or overlong varint")
    }

    private mutating func skip(_ count: Int) throws(MalformedDescriptorError) {
        guard bytes.endIndex - position >= count else {
            throw MalformedDescriptorError(reason: "truncated fixed field")
        }
        position += count
    }
}

extension ProtoWireReader.Value {
    /// A string field's text; names in descriptors are always valid UTF-8.
    func string(field: Int) throws(MalformedDescriptorError) -> String {
        guard case .lengthDelimited(let bytes) = self, let text = String(validating: bytes, as: UTF8.self) else {
            throw MalformedDescriptorError(reason: "field \(field) is not a UTF-8 string")
        }
        return text
    }

    func message(field: Int) throws(MalformedDescriptorError) -> ArraySlice<UInt8> {
        guard case .lengthDelimited(let bytes) = self else {
            throw MalformedDescriptorError(reason: "field \(field) is not a message")
        }
        return bytes
    }

    func int32(field: Int) throws(MalformedDescriptorError) -> Int32 {
        guard case .varint(let value) = self else {
            throw MalformedDescriptorError(reason: "field \(field) is not a varint")
        }
        return Int32(truncatingIfNeeded: value)
    }
}
