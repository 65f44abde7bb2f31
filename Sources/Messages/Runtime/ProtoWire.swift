/// Pieces of the protobuf wire format for embedding bytes that are already encoded.
///
/// A message field is encoded as its tag, its length and the message's own encoding, so a
/// message whose bytes are at hand (a stored body) can go into another without being converted
/// and packed again.
public enum ProtoWire {
    /// Appends field `number` (wire type 2: length-delimited) holding `bytes`, the encoding of a
    /// message, string or bytes value.
    public static func appendLengthDelimited(field number: Int, _ bytes: [UInt8], to buffer: inout [UInt8]) {
        precondition(number >= 1 && number < 1 << 29, "a protobuf field number is 1 to 2^29 - 1")
        appendVarint(UInt64(number) << 3 | 2, to: &buffer)
        appendVarint(UInt64(bytes.count), to: &buffer)
        buffer.append(contentsOf: bytes)
    }

    /// Appends field `number` (wire type 0) holding `value`, an integer field's value (a negative
    /// int32 or int64 as its 64-bit two's complement, as protobuf encodes it). Proto3 leaves a
    /// zero out; so does the caller, to match protobuf-c's encoding.
    public static func appendVarint(field number: Int, _ value: Int64, to buffer: inout [UInt8]) {
        precondition(number >= 1 && number < 1 << 29, "a protobuf field number is 1 to 2^29 - 1")
        appendVarint(UInt64(number) << 3, to: &buffer)
        appendVarint(UInt64(bitPattern: value), to: &buffer)
    }

    /// Appends `value` as a base-128 varint: seven bits per byte, low bits first.
    public static func appendVarint(_ value: UInt64, to buffer: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            buffer.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        buffer.append(UInt8(rest))
    }
}
