/// What reflection needs to know about one FileDescriptorProto, read from its wire form: its
/// name, imports and the fully-qualified names it defines. The bytes are kept to serve verbatim.
struct DescriptorFile {
    struct Extension {
        /// The extended message, fully qualified, without the leading dot.
        let extendee: String
        let number: Int32
    }

    let name: String
    let package: String
    let dependencies: [String]
    /// Messages, enums, enum values, fields, oneofs, services, methods and extensions.
    let symbols: [String]
    /// The message types alone, for `all_extension_numbers_of_type`.
    let messageTypes: [String]
    let extensions: [Extension]
    let bytes: [UInt8]

    // Field numbers from google/protobuf/descriptor.proto.
    private enum FileField {
        static let name = 1, package = 2, dependency = 3, messageType = 4, enumType = 5, service = 6
        static let `extension` = 7
    }
    private enum MessageField {
        static let name = 1, field = 2, nestedType = 3, enumType = 4, `extension` = 6, oneofDecl = 8
    }
    private enum FieldField {
        static let name = 1, extendee = 2, number = 3
    }
    /// EnumDescriptorProto, ServiceDescriptorProto and their values and methods share this layout.
    private enum NamedField {
        static let name = 1, children = 2
    }

    init(bytes: ArraySlice<UInt8>) throws(MalformedDescriptorError) {
        var name = "", package = ""
        var dependencies: [String] = []
        var messages: [ArraySlice<UInt8>] = [], enums: [ArraySlice<UInt8>] = []
        var services: [ArraySlice<UInt8>] = [], extensions: [ArraySlice<UInt8>] = []
        var reader = ProtoWireReader(bytes)
        while let (number, value) = try reader.next() {
            switch number {
            case FileField.name: name = try value.string(field: number)
            case FileField.package: package = try value.string(field: number)
            case FileField.dependency: dependencies.append(try value.string(field: number))
            case FileField.messageType: messages.append(try value.message(field: number))
            case FileField.enumType: enums.append(try value.message(field: number))
            case FileField.service: services.append(try value.message(field: number))
            case FileField.extension: extensions.append(try value.message(field: number))
            default: break
            }
        }
        guard !name.isEmpty else { throw MalformedDescriptorError(reason: "a file has no name") }
        // Collected first and qualified afterwards: `package` may follow the definitions.
        var collector = SymbolCollector()
        for message in messages { try collector.addMessage(message, scope: package) }
        for enumType in enums { try collector.addEnum(enumType, scope: package) }
        for service in services { try collector.addService(service, scope: package) }
        for field in extensions { try collector.addExtension(field, scope: package) }
        self.name = name
        self.package = package
        self.dependencies = dependencies
        self.symbols = collector.symbols
        self.messageTypes = collector.messageTypes
        self.extensions = collector.extensions
        self.bytes = Array(bytes)
    }

    private struct SymbolCollector {
        var symbols: [String] = []
        var messageTypes: [String] = []
        var extensions: [Extension] = []

        mutating func addMessage(_ bytes: ArraySlice<UInt8>, scope: String) throws(MalformedDescriptorError) {
            var name = ""
            var nested: [(number: Int, bytes: ArraySlice<UInt8>)] = []
            var reader = ProtoWireReader(bytes)
            while let (number, value) = try reader.next() {
                switch number {
                case MessageField.name: name = try value.string(field: number)
                case MessageField.field, MessageField.nestedType, MessageField.enumType, MessageField.extension,
                    MessageField.oneofDecl:
                    nested.append((number, try value.message(field: number)))
                default: break
                }
            }
            let fullName = Self.qualify(name, in: scope)
            symbols.append(fullName)
            messageTypes.append(fullName)
            for (number, child) in nested {
                switch number {
                case MessageField.nestedType: try addMessage(child, scope: fullName)
                case MessageField.enumType: try addEnum(child, scope: fullName)
                case MessageField.extension: try addExtension(child, scope: fullName)
                default: symbols.append(Self.qualify(try Self.name(of: child), in: fullName))  // a field or oneof
                }
            }
        }

        mutating func addEnum(_ bytes: ArraySlice<UInt8>, scope: String) throws(MalformedDescriptorError) {
            let (name, values) = try Self.nameAndChildren(bytes)
            symbols.append(Self.qualify(name, in: scope))
            // Enum values are siblings of their enum in protobuf's scoping (C++ rules).
            for value in values { symbols.append(Self.qualify(value, in: scope)) }
        }

        mutating func addService(_ bytes: ArraySlice<UInt8>, scope: String) throws(MalformedDescriptorError) {
            let (name, methods) = try Self.nameAndChildren(bytes)
            let fullName = Self.qualify(name, in: scope)
            symbols.append(fullName)
            for method in methods { symbols.append(Self.qualify(method, in: fullName)) }
        }

        mutating func addExtension(_ bytes: ArraySlice<UInt8>, scope: String) throws(MalformedDescriptorError) {
            var name = "", extendee = ""
            var extensionNumber: Int32 = 0
            var reader = ProtoWireReader(bytes)
            while let (number, value) = try reader.next() {
                switch number {
                case FieldField.name: name = try value.string(field: number)
                case FieldField.extendee: extendee = try value.string(field: number)
                case FieldField.number: extensionNumber = try value.int32(field: number)
                default: break
                }
            }
            symbols.append(Self.qualify(name, in: scope))
            // protoc writes resolved type names with a leading dot.
            if extendee.hasPrefix(".") { extendee.removeFirst() }
            extensions.append(Extension(extendee: extendee, number: extensionNumber))
        }

        private static func nameAndChildren(
            _ bytes: ArraySlice<UInt8>
        ) throws(MalformedDescriptorError) -> (name: String, children: [String]) {
            var name = ""
            var children: [String] = []
            var reader = ProtoWireReader(bytes)
            while let (number, value) = try reader.next() {
                switch number {
                case NamedField.name: name = try value.string(field: number)
                case NamedField.children:
                    children.append(try Self.name(of: value.message(field: number)))
                default: break
                }
            }
            return (name, children)
        }

        /// Every descriptor message keeps its name in field 1.
        private static func name(of bytes: ArraySlice<UInt8>) throws(MalformedDescriptorError) -> String {
            var reader = ProtoWireReader(bytes)
            var name = ""
            while let (number, value) = try reader.next() {
                if number == NamedField.name { name = try value.string(field: number) }
            }
            return name
        }

        private static func qualify(_ name: String, in scope: String) -> String {
            scope.isEmpty ? name : "\(scope).\(name)"
        }
    }
}
