internal import GRPCCore
public import Messages

/// A decoded message as field values looked up by descriptor: what the JSON printer and the
/// key/value renderer walk, for any message type, without generated per-type code.
public struct DynamicMessage: Sendable {
    public enum Scalar: Sendable, Equatable {
        case int(Int64)
        case uint(UInt64)
        case double(Double)
        case bool(Bool)
        case string(String)
        case bytes([UInt8])
        case enumeration(Int32)
    }

    public indirect enum Value: Sendable {
        case scalar(Scalar)
        case message(DynamicMessage)
        case list([Value])
    }

    public let type: ProtoSchema.Message
    /// Values present on the wire, by field number; repeated fields hold a `.list`.
    public private(set) var present: [Int: Value] = [:]

    public init(type: ProtoSchema.Message, bytes: ArraySlice<UInt8>, schema: ProtoSchema) {
        self.type = type
        var reader = WireReader(bytes)
        while let (number, wire) = reader.next() {
            guard let field = type.field(number: number) else { continue }  // unknown fields: skipped
            let decoded = Self.decode(wire, as: field, schema: schema)
            if field.isRepeated {
                guard case .list(let more) = decoded else { continue }
                if case .list(let earlier) = present[number] {
                    present[number] = .list(earlier + more)
                } else {
                    present[number] = .list(more)
                }
            } else if let last = decoded.flatMap({ if case .list(let items) = $0 { items.last } else { $0 } }) {
                present[number] = last  // last one wins, as in protobuf
            }
        }
    }

    /// Decodes `message` through its own bytes; nil if the schema lacks its type (it cannot for
    /// types generated from proto/, which are all in the descriptor set).
    public init?<M: ProtoMessage>(_ message: M, schema: ProtoSchema = .shared) {
        guard let type = schema.message(M.protoMessageName), let bytes = try? message.serializedBytes() else {
            return nil
        }
        self.init(type: type, bytes: bytes[...], schema: schema)
    }

    public subscript(name: String) -> Value? {
        type.field(named: name).flatMap { present[$0.number] }
    }

    /// The value of `field`, or its proto3 default when absent (nil for an absent message or a
    /// field of an unset oneof, which have no default).
    public func valueOrDefault(_ field: ProtoSchema.Field) -> Value? {
        if let value = present[field.number] { return value }
        if field.isRepeated { return .list([]) }
        if field.oneofIndex != nil || field.kind == .message || field.kind == .group { return nil }
        return .scalar(Self.defaultScalar(field.kind))
    }

    static func defaultScalar(_ kind: ProtoSchema.Field.Kind) -> Scalar {
        switch kind {
        case .int32, .int64, .sint32, .sint64, .sfixed32, .sfixed64: .int(0)
        case .uint32, .uint64, .fixed32, .fixed64: .uint(0)
        case .double, .float: .double(0)
        case .bool: .bool(false)
        case .string: .string("")
        case .bytes: .bytes([])
        case .enumeration: .enumeration(0)
        case .message, .group: .int(0)
        }
    }

    /// A repeated field decodes to `.list` (packed runs give several values at once).
    private static func decode(_ wire: WireReader.Value, as field: ProtoSchema.Field, schema: ProtoSchema) -> Value? {
        switch (field.kind, wire) {
        case (.message, .lengthDelimited(let bytes)):
            guard let type = schema.message(field.typeName) else { return nil }
            let value = Value.message(DynamicMessage(type: type, bytes: bytes, schema: schema))
            return field.isRepeated ? .list([value]) : value
        case (.string, .lengthDelimited(let bytes)):
            let value = Value.scalar(.string(String(decoding: bytes, as: UTF8.self)))
            return field.isRepeated ? .list([value]) : value
        case (.bytes, .lengthDelimited(let bytes)):
            let value = Value.scalar(.bytes(Array(bytes)))
            return field.isRepeated ? .list([value]) : value
        case (_, .lengthDelimited(let bytes)):
            // A packed run of numbers.
            let raw: [UInt64]
            switch field.kind {
            case .fixed32, .sfixed32, .float: raw = WireReader.packedFixed(bytes, width: 4)
            case .fixed64, .sfixed64, .double: raw = WireReader.packedFixed(bytes, width: 8)
            default: raw = WireReader.packedVarints(bytes)
            }
            return .list(raw.map { .scalar(scalar(raw: $0, kind: field.kind)) })
        case (_, .varint(let raw)), (_, .fixed64(let raw)):
            let value = Value.scalar(scalar(raw: raw, kind: field.kind))
            return field.isRepeated ? .list([value]) : value
        case (_, .fixed32(let raw)):
            let value = Value.scalar(scalar(raw: UInt64(raw), kind: field.kind))
            return field.isRepeated ? .list([value]) : value
        }
    }

    private static func scalar(raw: UInt64, kind: ProtoSchema.Field.Kind) -> Scalar {
        switch kind {
        case .int32: .int(Int64(Int32(truncatingIfNeeded: raw)))
        case .int64, .sfixed64: .int(Int64(bitPattern: raw))
        case .sfixed32: .int(Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: raw))))
        case .sint32, .sint64: .int(Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1))
        case .uint32, .fixed32: .uint(UInt64(UInt32(truncatingIfNeeded: raw)))
        case .uint64, .fixed64: .uint(raw)
        case .bool: .bool(raw != 0)
        case .enumeration: .enumeration(Int32(truncatingIfNeeded: raw))
        case .float: .double(Double(Float(bitPattern: UInt32(truncatingIfNeeded: raw))))
        case .double: .double(Double(bitPattern: raw))
        case .string, .bytes, .message, .group: .int(Int64(bitPattern: raw))
        }
    }
}
