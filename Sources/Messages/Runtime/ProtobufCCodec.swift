internal import CProtos

/// Bytes <-> protobuf-c struct <-> Swift value, each conversion in this thread's arena, reset after.
enum ProtobufCCodec {
    static func decode<M: ProtoMessage>(_ type: M.Type, from bytes: UnsafeRawBufferPointer) throws(ProtoError) -> M {
        let descriptor = M._protobufC.pointer
        return try withInput(bytes) { (data, count) throws(ProtoError) in
            var problem = SJWireProblem()
            let status = sj_wire_check(descriptor, data, count, &problem)
            guard status == SJ_WIRE_OK else {
                throw error(status, problem, fallback: M.protoMessageName, descriptor, data, count)
            }
            let arena = sj_arena_thread()!
            defer { sj_arena_reset(arena) }
            var allocator = sj_arena_allocator(arena)
            guard let message = protobuf_c_message_unpack(descriptor, &allocator, count, data) else {
                throw .malformed(message: M.protoMessageName)
            }
            return M(_protobufC: ProtoReader(base: UnsafeRawPointer(message), descriptor: descriptor))
        }
    }

    static func encode<M: ProtoMessage>(_ value: M, appendingTo buffer: inout [UInt8]) throws(ProtoError) -> Int {
        let arena = sj_arena_thread()!
        defer { sj_arena_reset(arena) }
        let writer = ProtoWriter(newMessageOf: M._protobufC.pointer, in: arena)
        try value._protobufC(write: writer)
        let message = writer.base.assumingMemoryBound(to: ProtobufCMessage.self)
        let size = protobuf_c_message_get_packed_size(message)
        guard size > 0 else { return 0 }
        // Packed straight into uninitialized memory: zero-filling first cost more than packing.
        let packed = [UInt8](unsafeUninitializedCapacity: size) { storage, count in
            count = protobuf_c_message_pack(message, storage.baseAddress!)
        }
        precondition(packed.count == size, "protobuf-c packed \(packed.count) bytes, promised \(size)")
        if buffer.isEmpty {
            buffer = packed
        } else {
            buffer.append(contentsOf: packed)
        }
        return size
    }

    /// protobuf-c wants a non-null pointer even for empty input.
    private static func withInput<R>(
        _ bytes: UnsafeRawBufferPointer, _ body: (UnsafePointer<UInt8>, Int) throws(ProtoError) -> R
    ) throws(ProtoError) -> R {
        if let base = bytes.baseAddress, bytes.count > 0 {
            return try body(base.assumingMemoryBound(to: UInt8.self), bytes.count)
        }
        var empty: UInt8 = 0
        return try withUnsafePointer(to: &empty) { (pointer) throws(ProtoError) in try body(pointer, 0) }
    }

    private static func error(
        _ status: SJWireStatus, _ problem: SJWireProblem, fallback: String,
        _ descriptor: UnsafePointer<ProtobufCMessageDescriptor>, _ data: UnsafePointer<UInt8>, _ count: Int
    ) -> ProtoError {
        let message = problem.message.map { String(cString: $0.pointee.name) } ?? fallback
        switch status {
        case SJ_WIRE_INVALID_UTF8: return .invalidUTF8(field: path(descriptor, data, count))
        case SJ_WIRE_NUL_IN_STRING: return .nulInString(field: path(descriptor, data, count))
        case SJ_WIRE_TOO_DEEP: return .tooDeep(message: message)
        default: return .malformed(message: message)
        }
    }

    /// The path from the decoded message to its first bad string, e.g. `filing.docket_number` or
    /// `events[2].self_corrected.summary`: the form every other field violation takes. Found by
    /// checking the bytes again with room for the path, so a decode that succeeds pays nothing.
    private static func path(
        _ descriptor: UnsafePointer<ProtobufCMessageDescriptor>, _ data: UnsafePointer<UInt8>, _ count: Int
    ) -> String {
        var steps = [SJWireStep](repeating: SJWireStep(), count: Int(SJ_WIRE_MAX_DEPTH) + 1)
        return steps.withUnsafeMutableBufferPointer { buffer in
            var problem = SJWireProblem()
            problem.path = buffer.baseAddress
            _ = sj_wire_check(descriptor, data, count, &problem)
            return buffer.prefix(Int(problem.path_length)).map { step in
                let name = step.field.map { String(cString: $0.pointee.name) } ?? "?"
                return step.index >= 0 ? "\(name)[\(step.index)]" : name
            }.joined(separator: ".")
        }
    }
}
