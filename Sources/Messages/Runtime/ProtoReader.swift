internal import CProtos

/// Reads the fields of one unpacked protobuf-c struct. Generated initializers name fields by their
/// index in the descriptor's `fields`, which protoc-c sorts by field number.
public struct ProtoReader {
    let base: UnsafeRawPointer
    let descriptor: UnsafePointer<ProtobufCMessageDescriptor>

    @inline(__always)
    private func field(_ index: Int) -> UnsafePointer<ProtobufCFieldDescriptor> {
        descriptor.pointee.fields + index
    }

    @inline(__always)
    private func member(_ index: Int) -> UnsafeRawPointer {
        base + Int(field(index).pointee.offset)
    }

    private func count(_ index: Int) -> Int {
        (base + Int(field(index).pointee.quantifier_offset)).load(as: Int.self)
    }

    func readInt32(_ index: Int) -> Int32 { member(index).load(as: Int32.self) }
    func readUInt32(_ index: Int) -> UInt32 { member(index).load(as: UInt32.self) }
    func readInt64(_ index: Int) -> Int64 { member(index).load(as: Int64.self) }
    func readUInt64(_ index: Int) -> UInt64 { member(index).load(as: UInt64.self) }
    func readFloat(_ index: Int) -> Float { member(index).load(as: Float.self) }
    func readDouble(_ index: Int) -> Double { member(index).load(as: Double.self) }
    func readBool(_ index: Int) -> Bool { member(index).load(as: protobuf_c_boolean.self) != 0 }
    func readEnum(_ index: Int) -> Int32 { member(index).load(as: Int32.self) }
    func readString(_ index: Int) -> String { Self.string(at: member(index)) }
    func readBytes(_ index: Int) -> [UInt8] { Self.bytes(at: member(index)) }

    func readMessage<M: ProtoMessage>(_ index: Int, as type: M.Type) -> M? {
        Self.message(at: member(index), as: type)
    }

    /// The field number of the oneof member that is set, or 0; `index` is any member's index.
    func readOneofCase(_ index: Int) -> UInt32 {
        (base + Int(field(index).pointee.quantifier_offset)).load(as: UInt32.self)
    }

    func readRepeatedInt32(_ index: Int) -> [Int32] { elements(index) { $0.load(as: Int32.self) } }
    func readRepeatedUInt32(_ index: Int) -> [UInt32] { elements(index) { $0.load(as: UInt32.self) } }
    func readRepeatedInt64(_ index: Int) -> [Int64] { elements(index) { $0.load(as: Int64.self) } }
    func readRepeatedUInt64(_ index: Int) -> [UInt64] { elements(index) { $0.load(as: UInt64.self) } }
    func readRepeatedFloat(_ index: Int) -> [Float] { elements(index) { $0.load(as: Float.self) } }
    func readRepeatedDouble(_ index: Int) -> [Double] { elements(index) { $0.load(as: Double.self) } }
    func readRepeatedBool(_ index: Int) -> [Bool] { elements(index) { $0.load(as: protobuf_c_boolean.self) != 0 } }
    func readRepeatedEnum(_ index: Int) -> [Int32] { elements(index) { $0.load(as: Int32.self) } }
    func readRepeatedString(_ index: Int) -> [String] { elements(index, Self.string(at:)) }
    func readRepeatedBytes(_ index: Int) -> [[UInt8]] { elements(index, Self.bytes(at:)) }

    func readRepeatedMessage<M: ProtoMessage>(_ index: Int, as type: M.Type) -> [M] {
        elements(index) { Self.message(at: $0, as: type) ?? M() }
    }

    /// A map field: protobuf-c keeps it as repeated entry messages, in wire order, duplicates
    /// included; as in every protobuf runtime, the last entry for a key wins.
    func readMap<K: Hashable, V>(_ index: Int, _ entry: (ProtoReader) -> (K, V)) -> [K: V] {
        let entryDescriptor = field(index).pointee.descriptor.assumingMemoryBound(
            to: ProtobufCMessageDescriptor.self)
        let pairs = elements(index) { slot in
            entry(ProtoReader(base: slot.load(as: UnsafeRawPointer.self), descriptor: entryDescriptor))
        }
        return Dictionary(pairs, uniquingKeysWith: { _, last in last })
    }

    private func elements<T>(_ index: Int, _ read: (UnsafeRawPointer) -> T) -> [T] {
        let n = count(index)
        guard n > 0, let array = member(index).load(as: UnsafeRawPointer?.self) else { return [] }
        let stride = Self.elementStride(field(index).pointee.type)
        var result: [T] = []
        result.reserveCapacity(n)
        for i in 0..<n {
            result.append(read(array + i * stride))
        }
        return result
    }

    /// The size of one element of a repeated field in protobuf-c's arrays.
    static func elementStride(_ type: ProtobufCType) -> Int {
        switch type {
        case PROTOBUF_C_TYPE_INT64, PROTOBUF_C_TYPE_SINT64, PROTOBUF_C_TYPE_SFIXED64,
            PROTOBUF_C_TYPE_UINT64, PROTOBUF_C_TYPE_FIXED64, PROTOBUF_C_TYPE_DOUBLE:
            8
        case PROTOBUF_C_TYPE_STRING, PROTOBUF_C_TYPE_MESSAGE:
            MemoryLayout<UnsafeRawPointer>.stride
        case PROTOBUF_C_TYPE_BYTES:
            MemoryLayout<ProtobufCBinaryData>.stride
        default:
            4  // 32-bit integers, floats, enums and protobuf_c_boolean
        }
    }

    private static func string(at slot: UnsafeRawPointer) -> String {
        guard let chars = slot.load(as: UnsafePointer<CChar>?.self) else { return "" }
        // Validated as UTF-8 without NUL by sj_wire_check before unpacking.
        return String(cString: chars)
    }

    private static func bytes(at slot: UnsafeRawPointer) -> [UInt8] {
        let binary = slot.load(as: ProtobufCBinaryData.self)
        guard binary.len > 0, let data = binary.data else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: binary.len))
    }

    private static func message<M: ProtoMessage>(at slot: UnsafeRawPointer, as type: M.Type) -> M? {
        guard let nested = slot.load(as: UnsafeRawPointer?.self) else { return nil }
        return M(_protobufC: ProtoReader(base: nested, descriptor: M._protobufC.pointer))
    }
}
