import GRPCCore
import Messages

/// The shape of every message, enum and service in proto/, read once from the descriptor set
/// compiled into the binary (`DescriptorSet.bytes`, the same bytes server reflection serves).
///
/// Why: sjctl prints any response as proto3 JSON or as a key/value block, and turns enum names on
/// the command line into values, without one hand-written line per message (STYLE.md, principle 7:
/// no per-message conversion). The generated Swift types know their full name
/// (`protoMessageName`) and their bytes; the descriptors supply names, numbers and types.
public struct ProtoSchema: Sendable {
    public struct Field: Sendable {
        public enum Kind: Int, Sendable {
            case double = 1, float, int64, uint64, int32, fixed64, fixed32, bool, string, group, message, bytes,
                uint32, enumeration, sfixed32, sfixed64, sint32, sint64
        }

        public let name: String
        public let jsonName: String
        public let number: Int
        public let kind: Kind
        public let isRepeated: Bool
        /// The full name (no leading dot) of the message or enum type, for those kinds.
        public let typeName: String
        /// Index into the message's oneofs, or nil.
        public let oneofIndex: Int?
    }

    public struct Message: Sendable {
        public let fullName: String
        public let fields: [Field]
        public let oneofNames: [String]
        /// A synthesized map entry (`map<K, V>` fields are repeated entries with key = 1, value = 2).
        public let isMapEntry: Bool

        public func field(number: Int) -> Field? { fields.first { $0.number == number } }
        public func field(named name: String) -> Field? { fields.first { $0.name == name } }
    }

    public struct EnumType: Sendable {
        public let fullName: String
        /// Declared values in order: (name, number).
        public let values: [(name: String, number: Int32)]

        public func name(of number: Int32) -> String? { values.first { $0.number == number }?.name }

        /// The prefix every value name shares (`REGION_KIND_`), stripped for people.
        public var commonPrefix: String {
            guard var prefix = values.first?.name else { return "" }
            for value in values.dropFirst() {
                while !value.name.hasPrefix(prefix) { prefix.removeLast() }
            }
            // Cut back to a whole word: "CASE_STATE_" not "CASE_STATE_F".
            while !prefix.isEmpty && !prefix.hasSuffix("_") { prefix.removeLast() }
            return prefix
        }
    }

    public struct Method: Sendable {
        public let name: String
        public let inputType: String
        public let outputType: String
        public let clientStreaming: Bool
        public let serverStreaming: Bool
    }

    public struct Service: Sendable {
        public let fullName: String
        public let methods: [Method]
    }

    public private(set) var messages: [String: Message] = [:]
    public private(set) var enums: [String: EnumType] = [:]
    public private(set) var services: [String: Service] = [:]

    /// The schema of everything compiled into this binary.
    public static let shared = ProtoSchema(descriptorSet: DescriptorSet.bytes)

    public init(descriptorSet bytes: [UInt8]) {
        var set = WireReader(bytes)
        while let (number, value) = set.next() {
            if number == 1, let file = value.slice { readFile(file) }
        }
    }

    public func message(_ fullName: String) -> Message? { messages[fullName] }
    public func enumType(_ fullName: String) -> EnumType? { enums[fullName] }

    // MARK: Reading descriptor.proto by field number

    private mutating func readFile(_ bytes: ArraySlice<UInt8>) {
        var reader = WireReader(bytes)
        var package = ""
        var messageBodies: [ArraySlice<UInt8>] = []
        var enumBodies: [ArraySlice<UInt8>] = []
        var serviceBodies: [ArraySlice<UInt8>] = []
        while let (number, value) = reader.next() {
            switch number {
            case 2: package = value.text ?? ""
            case 4: if let body = value.slice { messageBodies.append(body) }
            case 5: if let body = value.slice { enumBodies.append(body) }
            case 6: if let body = value.slice { serviceBodies.append(body) }
            default: break
            }
        }
        let scope = package.isEmpty ? "" : package + "."
        for body in messageBodies { readMessage(body, scope: scope) }
        for body in enumBodies { readEnum(body, scope: scope) }
        for body in serviceBodies { readService(body, scope: scope) }
    }

    private mutating func readMessage(_ bytes: ArraySlice<UInt8>, scope: String) {
        var reader = WireReader(bytes)
        var name = ""
        var fieldBodies: [ArraySlice<UInt8>] = []
        var nested: [ArraySlice<UInt8>] = []
        var nestedEnums: [ArraySlice<UInt8>] = []
        var oneofs: [String] = []
        var isMapEntry = false
        while let (number, value) = reader.next() {
            switch number {
            case 1: name = value.text ?? ""
            case 2: if let body = value.slice { fieldBodies.append(body) }
            case 3: if let body = value.slice { nested.append(body) }
            case 4: if let body = value.slice { nestedEnums.append(body) }
            case 7:  // MessageOptions: map_entry = 7
                var options = WireReader(value.slice ?? [])
                while let (option, flag) = options.next() {
                    if option == 7 { isMapEntry = flag.varint == 1 }
                }
            case 8:  // OneofDescriptorProto: name = 1
                var oneof = WireReader(value.slice ?? [])
                var oneofName = ""
                while let (field, text) = oneof.next() {
                    if field == 1 { oneofName = text.text ?? "" }
                }
                oneofs.append(oneofName)
            default: break
            }
        }
        let fullName = scope + name
        let fields = fieldBodies.map(Self.readField)
        messages[fullName] = Message(fullName: fullName, fields: fields, oneofNames: oneofs, isMapEntry: isMapEntry)
        for body in nested { readMessage(body, scope: fullName + ".") }
        for body in nestedEnums { readEnum(body, scope: fullName + ".") }
    }

    private static func readField(_ bytes: ArraySlice<UInt8>) -> Field {
        var reader = WireReader(bytes)
        var name = ""
        var jsonName = ""
        var number = 0
        var label = 1
        var kind = Field.Kind.int32
        var typeName = ""
        var oneofIndex: Int?
        while let (field, value) = reader.next() {
            switch field {
            case 1: name = value.text ?? ""
            case 3: number = Int(value.varint ?? 0)
            case 4: label = Int(value.varint ?? 1)
            case 5: kind = Field.Kind(rawValue: Int(value.varint ?? 5)) ?? .int32
            case 6: typeName = String((value.text ?? "").drop { $0 == "." })
            case 9: oneofIndex = Int(value.varint ?? 0)
            case 10: jsonName = value.text ?? ""
            default: break
            }
        }
        if jsonName.isEmpty { jsonName = lowerCamelCase(name) }
        return Field(
            name: name, jsonName: jsonName, number: number, kind: kind, isRepeated: label == 3, typeName: typeName,
            oneofIndex: oneofIndex)
    }

    private mutating func readEnum(_ bytes: ArraySlice<UInt8>, scope: String) {
        var reader = WireReader(bytes)
        var name = ""
        var values: [(name: String, number: Int32)] = []
        while let (number, value) = reader.next() {
            switch number {
            case 1: name = value.text ?? ""
            case 2:
                var entry = WireReader(value.slice ?? [])
                var valueName = ""
                var valueNumber: Int32 = 0
                while let (field, item) = entry.next() {
                    if field == 1 { valueName = item.text ?? "" }
                    if field == 2 { valueNumber = Int32(truncatingIfNeeded: item.varint ?? 0) }
                }
                values.append((valueName, valueNumber))
            default: break
            }
        }
        enums[scope + name] = EnumType(fullName: scope + name, values: values)
    }

    private mutating func readService(_ bytes: ArraySlice<UInt8>, scope: String) {
        var reader = WireReader(bytes)
        var name = ""
        var methods: [Method] = []
        while let (number, value) = reader.next() {
            switch number {
            case 1: name = value.text ?? ""
            case 2:
                var entry = WireReader(value.slice ?? [])
                var methodName = ""
                var input = ""
                var output = ""
                var clientStreaming = false
                var serverStreaming = false
                while let (field, item) = entry.next() {
                    switch field {
                    case 1: methodName = item.text ?? ""
                    case 2: input = String((item.text ?? "").drop { $0 == "." })
                    case 3: output = String((item.text ?? "").drop { $0 == "." })
                    case 5: clientStreaming = item.varint == 1
                    case 6: serverStreaming = item.varint == 1
                    default: break
                    }
                }
                methods.append(
                    Method(
                        name: methodName, inputType: input, outputType: output, clientStreaming: clientStreaming,
                        serverStreaming: serverStreaming))
            default: break
            }
        }
        services[scope + name] = Service(fullName: scope + name, methods: methods)
    }

    /// protoc's rule for json_name, for descriptor sets written without it.
    static func lowerCamelCase(_ name: String) -> String {
        var result = ""
        var upperNext = false
        for character in name {
            if character == "_" {
                upperNext = true
            } else if upperNext {
                result += character.uppercased()
                upperNext = false
            } else {
                result.append(character)
            }
        }
        return result
    }
}
