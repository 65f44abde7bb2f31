internal import CProtos

/// Fills one protobuf-c struct from a Swift value. All memory comes from the conversion's arena,
/// so nothing is freed field by field. Writing any member of a oneof also records which one is set.
public struct ProtoWriter {
    let base: UnsafeMutableRawPointer
    let descriptor: UnsafePointer<ProtobufCMessageDescriptor>
    let arena: OpaquePointer

    /// A fresh, initialized struct of `descriptor`'s type in `arena`.
    init(newMessageOf descriptor: UnsafePointer<ProtobufCMessageDescriptor>, in arena: OpaquePointer) {
        let memory = Self.allocate(arena, descriptor.pointee.sizeof_message)
        protobuf_c_message_init(descriptor, memory)
        self.base = memory
        self.descriptor = descriptor
        self.arena = arena
    }

    @inline(__always)
    private func field(_ index: Int) -> UnsafePointer<ProtobufCFieldDescriptor> {
        descriptor.pointee.fields + index
    }

    @inline(__always)
    private func member(_ index: Int) -> UnsafeMutableRawPointer {
        let field = field(index).pointee
        if field.flags & PROTOBUF_C_FIELD_FLAG_ONEOF.rawValue != 0 {
            (base + Int(field.quantifier_offset)).storeBytes(of: field.id, as: UInt32.self)
        }
        return base + Int(field.offset)
    }

    func writeInt32(_ index: Int, _ value: Int32) { member(index).storeBytes(of: value, as: Int32.self) }
    func writeUInt32(_ index: Int, _ value: UInt32) { member(index).storeBytes(of: value, as: UInt32.self) }
    func writeInt64(_ index: Int, _ value: Int64) { member(index).storeBytes(of: value, as: Int64.self) }
    func writeUInt64(_ index: Int, _ value: UInt64) { member(index).storeBytes(of: value, as: UInt64.self) }
    func writeFloat(_ index: Int, _ value: Float) { member(index).storeBytes(of: value, as: Float.self) }
    func writeDouble(_ index: Int, _ value: Double) { member(index).storeBytes(of: value, as: Double.self) }
    func writeEnum(_ index: Int, _ value: Int32) { member(index).storeBytes(of: value, as: Int32.self) }

    func writeBool(_ index: Int, _ value: Bool) {
        member(index).storeBytes(of: value ? 1 : 0, as: protobuf_c_boolean.self)
    }

    func writeString(_ index: Int, _ value: String) throws(ProtoError) {
        do { try store(string: value, at: member(index), field: index) } catch { throw under(index, error) }
    }

    func writeBytes(_ index: Int, _ value: [UInt8]) {
        store(bytes: value, at: member(index))
    }

    func writeMessage<M: ProtoMessage>(_ index: Int, _ value: M) throws(ProtoError) {
        do { try store(message: value, at: member(index)) } catch { throw under(index, error) }
    }

    func writeRepeatedInt32(_ index: Int, _ values: [Int32]) {
        elements(index, values) { $0.storeBytes(of: $1, as: Int32.self) }
    }
    func writeRepeatedUInt32(_ index: Int, _ values: [UInt32]) {
        elements(index, values) { $0.storeBytes(of: $1, as: UInt32.self) }
    }
    func writeRepeatedInt64(_ index: Int, _ values: [Int64]) {
        elements(index, values) { $0.storeBytes(of: $1, as: Int64.self) }
    }
    func writeRepeatedUInt64(_ index: Int, _ values: [UInt64]) {
        elements(index, values) { $0.storeBytes(of: $1, as: UInt64.self) }
    }
    func writeRepeatedFloat(_ index: Int, _ values: [Float]) {
        elements(index, values) { $0.storeBytes(of: $1, as: Float.self) }
    }
    func writeRepeatedDouble(_ index: Int, _ values: [Double]) {
        elements(index, values) { $0.storeBytes(of: $1, as: Double.self) }
    }
    func writeRepeatedEnum(_ index: Int, _ values: [Int32]) {
        elements(index, values) { $0.storeBytes(of: $1, as: Int32.self) }
    }

    func writeRepeatedBool(_ index: Int, _ values: [Bool]) {
        elements(index, values) { $0.storeBytes(of: $1 ? 1 : 0, as: protobuf_c_boolean.self) }
    }

    func writeRepeatedBytes(_ index: Int, _ values: [[UInt8]]) {
        elements(index, values) { store(bytes: $1, at: $0) }
    }

    func writeRepeatedString(_ index: Int, _ values: [String]) throws(ProtoError) {
        try throwingElements(index, values) { (slot, value) throws(ProtoError) in
            try store(string: value, at: slot, field: index)
        }
    }

    func writeRepeatedMessage<M: ProtoMessage>(_ index: Int, _ values: [M]) throws(ProtoError) {
        try throwingElements(index, values) { (slot, value) throws(ProtoError) in
            try store(message: value, at: slot)
        }
    }

    /// A map field, written as entry messages in key order so that equal maps encode equally.
    func writeMap<K: ProtoMapKey, V>(
        _ index: Int, _ map: [K: V], _ entry: (ProtoWriter, K, V) throws(ProtoError) -> Void
    ) throws(ProtoError) {
        let entryDescriptor = field(index).pointee.descriptor.assumingMemoryBound(
            to: ProtobufCMessageDescriptor.self)
        let sorted = map.sorted { K.precedes($0.key, $1.key) }
        try throwingElements(index, sorted) { (slot, pair) throws(ProtoError) in
            let writer = ProtoWriter(newMessageOf: entryDescriptor, in: arena)
            try entry(writer, pair.key, pair.value)
            slot.storeBytes(of: writer.base, as: UnsafeMutableRawPointer.self)
        }
    }

    private func elements<T>(_ index: Int, _ values: [T], _ store: (UnsafeMutableRawPointer, T) -> Void) {
        try! throwingElements(index, values) { (slot, value) throws(ProtoError) in store(slot, value) }
    }

    private func throwingElements<T>(
        _ index: Int, _ values: [T], _ store: (UnsafeMutableRawPointer, T) throws(ProtoError) -> Void
    ) throws(ProtoError) {
        guard !values.isEmpty else { return }
        let descriptor = field(index).pointee
        let stride = ProtoReader.elementStride(descriptor.type)
        let array = Self.allocate(arena, values.count * stride)
        for (i, value) in values.enumerated() {
            do { try store(array + i * stride, value) } catch { throw under(index, element: i, error) }
        }
        (base + Int(descriptor.quantifier_offset)).storeBytes(of: values.count, as: Int.self)
        member(index).storeBytes(of: array, as: UnsafeMutableRawPointer.self)
    }

    private func store(string: String, at slot: UnsafeMutableRawPointer, field index: Int) throws(ProtoError) {
        if string.isEmpty {
            // message_init left protobuf-c's shared "" sentinel, which packing treats as absent.
            // That is right for a plain field, but a oneof member set to "" must stay present, and
            // an element of a repeated field sits in an array we allocated, where nothing was set:
            // protobuf-c would read a NULL pointer there and crash.
            let descriptor = field(index).pointee
            let isOneof = descriptor.flags & PROTOBUF_C_FIELD_FLAG_ONEOF.rawValue != 0
            if isOneof || descriptor.label == PROTOBUF_C_LABEL_REPEATED {
                let empty = Self.allocate(arena, 1)
                empty.storeBytes(of: 0, as: UInt8.self)
                slot.storeBytes(of: empty, as: UnsafeMutableRawPointer.self)
            }
            return
        }
        var string = string
        let copy: UnsafeMutableRawPointer? = string.withUTF8 { utf8 in
            guard !utf8.contains(0) else { return nil }
            let memory = Self.allocate(arena, utf8.count + 1)
            memory.copyMemory(from: utf8.baseAddress!, byteCount: utf8.count)
            return memory
        }
        guard let copy else { throw .nulInString(field: "") }  // the caller names the field
        slot.storeBytes(of: copy, as: UnsafeMutableRawPointer.self)
    }

    private func store(bytes: [UInt8], at slot: UnsafeMutableRawPointer) {
        guard !bytes.isEmpty else { return }
        let memory = Self.allocate(arena, bytes.count)
        bytes.withUnsafeBytes { memory.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        slot.storeBytes(
            of: ProtobufCBinaryData(len: bytes.count, data: memory.assumingMemoryBound(to: UInt8.self)),
            as: ProtobufCBinaryData.self)
    }

    private func store<M: ProtoMessage>(message: M, at slot: UnsafeMutableRawPointer) throws(ProtoError) {
        let writer = ProtoWriter(newMessageOf: M._protobufC.pointer, in: arena)
        try message._protobufC(write: writer)
        slot.storeBytes(of: writer.base, as: UnsafeMutableRawPointer.self)
    }

    static func allocate(_ arena: OpaquePointer, _ size: Int) -> UnsafeMutableRawPointer {
        guard let memory = sj_arena_alloc(arena, size) else {
            fatalError("out of memory allocating \(size) bytes for a protobuf message")
        }
        return memory
    }

    /// `error` with field `index` (element `element` of a repeated field) put in front of its
    /// path, so the path runs from the message encoded, as decoding names it: `events[2].note`.
    private func under(_ index: Int, element: Int? = nil, _ error: ProtoError) -> ProtoError {
        guard case .nulInString(let inner) = error else { return error }
        var step = String(cString: field(index).pointee.name)
        if let element { step += "[\(element)]" }
        return .nulInString(field: inner.isEmpty ? step : step + "." + inner)
    }
}

/// Key types of protobuf maps, ordered so that map encoding is deterministic.
protocol ProtoMapKey: Hashable {
    static func precedes(_ a: Self, _ b: Self) -> Bool
}

extension ProtoMapKey where Self: Comparable {
    static func precedes(_ a: Self, _ b: Self) -> Bool { a < b }
}

extension String: ProtoMapKey {}
extension Int32: ProtoMapKey {}
extension Int64: ProtoMapKey {}
extension UInt32: ProtoMapKey {}
extension UInt64: ProtoMapKey {}
extension Bool: ProtoMapKey {
    static func precedes(_ a: Bool, _ b: Bool) -> Bool { !a && b }
}
