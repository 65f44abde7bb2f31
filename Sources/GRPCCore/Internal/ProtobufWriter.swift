/// Just enough of the protobuf wire format to write google.rpc.Status: varints and
/// length-delimited fields. GRPCCore cannot use the Messages module (it sits below it).
struct ProtobufWriter {
    private(set) var bytes: [UInt8] = []

    mutating func writeVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// proto3 omits default values, so zero writes nothing.
    mutating func writeInt32(field: UInt64, _ value: Int32) {
        guard value != 0 else { return }
        writeVarint(field << 3)
        // Negative int32 values are sign-extended to ten bytes on the wire.
        writeVarint(UInt64(bitPattern: Int64(value)))
    }

    mutating func writeBytes(field: UInt64, _ value: some Collection<UInt8>) {
        writeVarint(field << 3 | 2)
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// proto3 omits default values, so the empty string writes nothing.
    mutating func writeString(field: UInt64, _ value: String) {
        guard !value.isEmpty else { return }
        writeBytes(field: field, value.utf8)
    }
}
