/// Why a message could not be decoded or encoded.
public enum ProtoError: Error, Hashable, Sendable {
    /// The bytes are not a valid protobuf encoding of the named message type.
    case malformed(message: String)
    /// A string field is not valid UTF-8. `field` is its path from the message decoded, as field
    /// violations name fields: `message`, `response_status.message`, `events[2].note`.
    case invalidUTF8(field: String)
    /// A string field contains U+0000, which protobuf-c's C strings would silently truncate.
    /// `field` is its path from the message decoded or encoded, as for ``invalidUTF8(field:)``.
    case nulInString(field: String)
    /// Messages are nested more deeply than the decoder allows (100 levels).
    case tooDeep(message: String)
}

extension ProtoError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .malformed(let message): "bytes are not a valid encoding of \(message)"
        case .invalidUTF8(let field): "field \(field) is not valid UTF-8"
        case .nulInString(let field): "field \(field) contains a NUL character"
        case .tooDeep(let message): "\(message) is nested more than 100 levels deep"
        }
    }
}
