/// A protobuf message as a Swift value. Every type generated from `proto/` conforms; the wire
/// encoding is protobuf-c's, reached through the generated `_protobufC` members.
public protocol ProtoMessage: Sendable, Hashable {
    /// The message's full protobuf name, e.g. `grpc.testing.SimpleRequest`.
    static var protoMessageName: String { get }

    /// A message with every field at its default.
    init()

    // Generated plumbing. Not for use outside generated code.
    static var _protobufC: ProtobufCDescriptor { get }
    init(_protobufC reader: ProtoReader)
    func _protobufC(write writer: ProtoWriter) throws(ProtoError)
}

extension ProtoMessage {
    /// Decodes a message from its protobuf encoding.
    ///
    /// Throws ``ProtoError`` for bytes that are not a valid encoding, strings that are not UTF-8
    /// or contain NUL, and nesting deeper than 100 levels. Nothing is retained after it returns.
    public init(serializedBytes bytes: UnsafeRawBufferPointer) throws(ProtoError) {
        self = try ProtobufCCodec.decode(Self.self, from: bytes)
    }

    /// Decodes a message from its protobuf encoding; see ``init(serializedBytes:)-(UnsafeRawBufferPointer)``.
    public init(serializedBytes bytes: some Collection<UInt8>) throws(ProtoError) {
        // The closures below are `rethrows`, which erases typed errors, so they return a Result.
        let decode = { (buffer: UnsafeRawBufferPointer) in
            Result { () throws(ProtoError) in try Self(serializedBytes: buffer) }
        }
        let decoded =
            bytes.withContiguousStorageIfAvailable { decode(UnsafeRawBufferPointer($0)) }
            ?? Array(bytes).withUnsafeBytes(decode)
        self = try decoded.get()
    }

    /// The protobuf encoding of this message. Map entries are written in key order, so equal
    /// values encode to equal bytes.
    ///
    /// Throws ``ProtoError/nulInString(field:)`` for a string containing U+0000, which the C
    /// representation cannot hold.
    public func serializedBytes() throws(ProtoError) -> [UInt8] {
        var bytes: [UInt8] = []
        try appendSerializedBytes(to: &bytes)
        return bytes
    }

    /// Appends the protobuf encoding to `buffer`, so a framer can write a prefix and the message
    /// into one allocation. Returns the number of bytes appended.
    @discardableResult
    public func appendSerializedBytes(to buffer: inout [UInt8]) throws(ProtoError) -> Int {
        try ProtobufCCodec.encode(self, appendingTo: &buffer)
    }
}
