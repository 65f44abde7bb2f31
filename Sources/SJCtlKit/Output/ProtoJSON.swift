import GRPCCore
public import Messages

/// Proto3 JSON (the canonical mapping in the protobuf language guide) for any generated message,
/// driven by the descriptors: lowerCamelCase field names, enums by name, 64-bit integers as
/// strings, bytes as base64, Timestamp as RFC 3339 in UTC, Duration as "1.5s", wrappers as their
/// value.
///
/// Fields at their default are printed too (what protobuf calls "always print fields without
/// presence", grpcurl's `-emit-defaults`): a script reading `.lossRate.numerator` gets 0, not a
/// missing key. Unset message fields and unset oneof members are left out, because absence is what
/// they mean. Any proto3 JSON parser reads the output (e.g. Python's `json_format.Parse`).
public enum ProtoJSON {
    /// One line, no trailing newline.
    public static func encode<M: ProtoMessage>(_ message: M, schema: ProtoSchema = .shared) -> String {
        guard let dynamic = DynamicMessage(message, schema: schema) else {
            return "{}"  // unreachable for generated types, which are all in the schema
        }
        return encode(dynamic, schema: schema)
    }

    public static func encode(_ message: DynamicMessage, schema: ProtoSchema = .shared) -> String {
        var out = ""
        write(message, schema: schema, to: &out)
        return out
    }

    static func write(_ message: DynamicMessage, schema: ProtoSchema, to out: inout String) {
        if writeWellKnown(message, schema: schema, to: &out) { return }
        out += "{"
        var first = true
        for field in message.type.fields {
            guard let value = message.valueOrDefault(field) else { continue }
            if !first { out += "," }
            first = false
            JSONString.append(field.jsonName, to: &out)
            out += ":"
            if message.type.isMapEntry == false, field.isRepeated, case .list(let items) = value,
                let entryType = schema.message(field.typeName), entryType.isMapEntry
            {
                writeMap(items, entryType: entryType, schema: schema, to: &out)
            } else {
                write(value, field: field, schema: schema, to: &out)
            }
        }
        out += "}"
    }

    private static func writeMap(
        _ entries: [DynamicMessage.Value], entryType: ProtoSchema.Message, schema: ProtoSchema, to out: inout String
    ) {
        out += "{"
        var first = true
        for case .message(let entry) in entries {
            guard let keyField = entryType.field(number: 1), let valueField = entryType.field(number: 2) else {
                continue
            }
            if !first { out += "," }
            first = false
            // Map keys are always strings in JSON.
            var key = ""
            if let keyValue = entry.valueOrDefault(keyField) {
                write(keyValue, field: keyField, schema: schema, to: &key)
            }
            if key.hasPrefix("\"") { out += key } else { JSONString.append(key, to: &out) }
            out += ":"
            if let value = entry.valueOrDefault(valueField) {
                write(value, field: valueField, schema: schema, to: &out)
            } else {
                out += "{}"
            }
        }
        out += "}"
    }

    private static func write(
        _ value: DynamicMessage.Value, field: ProtoSchema.Field, schema: ProtoSchema, to out: inout String
    ) {
        switch value {
        case .list(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                write(item, field: field, schema: schema, to: &out)
            }
            out += "]"
        case .message(let message):
            write(message, schema: schema, to: &out)
        case .scalar(let scalar):
            write(scalar, field: field, schema: schema, to: &out)
        }
    }

    private static func write(
        _ scalar: DynamicMessage.Scalar, field: ProtoSchema.Field, schema: ProtoSchema, to out: inout String
    ) {
        let is64Bit = [.int64, .uint64, .sint64, .fixed64, .sfixed64].contains(field.kind)
        switch scalar {
        case .int(let number): out += is64Bit ? "\"\(number)\"" : "\(number)"
        case .uint(let number): out += is64Bit ? "\"\(number)\"" : "\(number)"
        case .double(let number): writeDouble(number, to: &out)
        case .bool(let flag): out += flag ? "true" : "false"
        case .string(let text): JSONString.append(text, to: &out)
        case .bytes(let bytes): JSONString.append(Base64.encode(bytes, padded: true), to: &out)
        case .enumeration(let number):
            if let name = schema.enumType(field.typeName)?.name(of: number) {
                JSONString.append(name, to: &out)
            } else {
                out += "\(number)"  // a value newer than this build: the number, as the mapping allows
            }
        }
    }

    private static func writeDouble(_ number: Double, to out: inout String) {
        if number.isNaN {
            out += "\"NaN\""
        } else if number.isInfinite {
            out += number > 0 ? "\"Infinity\"" : "\"-Infinity\""
        } else if number == number.rounded(), abs(number) < 1e15 {
            out += "\(Int64(number))"
        } else {
            out += "\(number)"
        }
    }

    /// The special JSON forms of google.protobuf types; false for any other message.
    private static func writeWellKnown(_ message: DynamicMessage, schema: ProtoSchema, to out: inout String) -> Bool {
        func int(_ number: Int) -> Int64 {
            switch message.present[number] {
            case .scalar(.int(let value)): value
            case .scalar(.uint(let value)): Int64(truncatingIfNeeded: value)
            default: 0
            }
        }
        switch message.type.fullName {
        case "google.protobuf.Timestamp":
            JSONString.append(CivilTime.rfc3339(seconds: int(1), nanos: Int32(truncatingIfNeeded: int(2))), to: &out)
        case "google.protobuf.Duration":
            JSONString.append(
                CivilTime.protoDuration(seconds: int(1), nanos: Int32(truncatingIfNeeded: int(2))), to: &out)
        case "google.protobuf.Empty":
            out += "{}"
        case "google.protobuf.DoubleValue", "google.protobuf.FloatValue", "google.protobuf.Int64Value",
            "google.protobuf.UInt64Value", "google.protobuf.Int32Value", "google.protobuf.UInt32Value",
            "google.protobuf.BoolValue", "google.protobuf.StringValue", "google.protobuf.BytesValue":
            guard let field = message.type.field(number: 1), let value = message.valueOrDefault(field) else {
                return false
            }
            write(value, field: field, schema: schema, to: &out)
        default:
            return false
        }
        return true
    }
}
