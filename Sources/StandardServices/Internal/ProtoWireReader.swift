internal import GRPCCore

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

    /// GRPCCore's walk; this adds only throwing, with its reason, where that one stops.
    private var reader: WireReader

    init(_ bytes: ArraySlice<UInt8>) {
        reader = WireReader(bytes)
    }

    /// The next field, or nil at the end of the message.
    mutating func next() throws(MalformedDescriptorError) -> (number: Int, value: Value)? {
        guard let (number, value) = reader.next() else {
            if let reason = reader.malformation { throw MalformedDescriptorError(reason: reason) }
            return nil
        }
        switch value {
        case .varint(let value): return (number, .varint(value))
        case .lengthDelimited(let bytes): return (number, .lengthDelimited(bytes))
        case .fixed32, .fixed64: return (number, .fixed)
        }
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
