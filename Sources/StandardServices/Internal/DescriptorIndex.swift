import Messages

/// The files of a serialized FileDescriptorSet, indexed by file name, symbol and extension: the
/// lookups server reflection answers.
struct DescriptorIndex: Sendable {
    private let files: [String: DescriptorFile]
    private let fileBySymbol: [String: String]
    private let messageTypes: Set<String>
    /// Extended message → extension number → file defining the extension.
    private let extensions: [String: [Int32: String]]

    /// The index of every file in proto/, built on first use and shared by every stream.
    static let shared = Result { () throws(MalformedDescriptorError) in
        try DescriptorIndex(descriptorSet: DescriptorSet.bytes)
    }

    init(descriptorSet: [UInt8]) throws(MalformedDescriptorError) {
        var files: [String: DescriptorFile] = [:]
        var fileBySymbol: [String: String] = [:]
        var messageTypes = Set<String>()
        var extensions: [String: [Int32: String]] = [:]
        var reader = ProtoWireReader(descriptorSet[...])
        while let (number, value) = try reader.next() {
            guard number == 1 else { continue }  // FileDescriptorSet.file
            let file = try DescriptorFile(bytes: value.message(field: number))
            guard files[file.name] == nil else { continue }  // protoc never repeats one; first wins
            files[file.name] = file
            for symbol in file.symbols where fileBySymbol[symbol] == nil { fileBySymbol[symbol] = file.name }
            messageTypes.formUnion(file.messageTypes)
            for field in file.extensions { extensions[field.extendee, default: [:]][field.number] = file.name }
        }
        self.files = files
        self.fileBySymbol = fileBySymbol
        self.messageTypes = messageTypes
        self.extensions = extensions
    }

    /// The named file first, then everything it imports, directly or not, each once: a client
    /// can build the file from this one answer.
    func fileWithDependencies(named name: String) -> [[UInt8]]? {
        guard files[name] != nil else { return nil }
        var result: [[UInt8]] = []
        var seen: Set<String> = []
        var pending = [name]
        while let next = pending.popLast() {
            // A dependency missing from the set cannot happen with --include_imports; skip it.
            guard seen.insert(next).inserted, let file = files[next] else { continue }
            result.append(file.bytes)
            pending.append(contentsOf: file.dependencies.reversed())
        }
        return result
    }

    /// The file defining a fully-qualified symbol: message, enum, enum value, field, oneof,
    /// service, method or extension.
    func fileName(containingSymbol symbol: String) -> String? {
        fileBySymbol[symbol]
    }

    func fileName(containingExtension number: Int32, of extendee: String) -> String? {
        extensions[extendee]?[number]
    }

    /// Nil for an unknown message type; our protos define no extensions, so usually empty.
    func extensionNumbers(of messageType: String) -> [Int32]? {
        guard messageTypes.contains(messageType) else { return nil }
        return extensions[messageType, default: [:]].keys.sorted()
    }
}
