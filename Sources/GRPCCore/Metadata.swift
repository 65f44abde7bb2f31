/// Custom metadata of an RPC: the request headers, response headers or trailers a handler sees.
///
/// An ordered list of key/value pairs; a key may repeat. Keys are stored lower-cased (HTTP/2
/// header names are lower case). The value kind follows the key: a key ending in `-bin` holds
/// ``Value/binary(_:)`` values, any other key holds ``Value/string(_:)`` values.
///
/// Equality is order-sensitive, because order is observable on the wire.
public struct Metadata: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        case string(String)
        case binary([UInt8])
    }

    fileprivate struct Entry: Sendable, Hashable {
        var key: String
        var value: Value
    }

    private var entries: [Entry] = []

    public init() {}

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    /// Adds a value. Under a `-bin` key the string's UTF-8 bytes are stored as a binary value.
    public mutating func add(_ key: String, _ value: String) {
        let key = Self.normalize(key)
        if Self.isBinaryKey(key) {
            entries.append(Entry(key: key, value: .binary(Array(value.utf8))))
        } else {
            entries.append(Entry(key: key, value: .string(value)))
        }
    }

    /// Adds a binary value. The key must end in `-bin`: only those keys can carry arbitrary bytes
    /// on the wire, so anything else is a programming error.
    public mutating func add(_ key: String, binary value: [UInt8]) {
        let key = Self.normalize(key)
        precondition(Self.isBinaryKey(key), "binary metadata needs a key ending in -bin, got \"\(key)\"")
        entries.append(Entry(key: key, value: .binary(value)))
    }

    public mutating func add(contentsOf other: Metadata) {
        entries.append(contentsOf: other.entries)
    }

    /// All values for `key`, in the order they were added.
    public subscript(key: String) -> [Value] {
        let key = Self.normalize(key)
        return entries.lazy.filter { $0.key == key }.map(\.value)
    }

    /// The first string value for `key`; `nil` for `-bin` keys.
    public func first(_ key: String) -> String? {
        let key = Self.normalize(key)
        for entry in entries where entry.key == key {
            if case .string(let value) = entry.value { return value }
        }
        return nil
    }

    /// The first binary value for `key`; `nil` unless `key` ends in `-bin`.
    public func firstBinary(_ key: String) -> [UInt8]? {
        let key = Self.normalize(key)
        for entry in entries where entry.key == key {
            if case .binary(let value) = entry.value { return value }
        }
        return nil
    }

    /// Removes every value for `key`.
    public mutating func remove(_ key: String) {
        let key = Self.normalize(key)
        entries.removeAll { $0.key == key }
    }

    /// Whether `key` is a legal custom-metadata name: `[0-9a-z_.-]+`.
    ///
    /// That grammar already excludes pseudo-headers (`:path`) and upper case. Reserved `grpc-`
    /// names pass; the transport decides which of those it lets through.
    public static func isValidKey(_ key: String) -> Bool {
        guard !key.isEmpty else { return false }
        return key.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
    }

    static func isBinaryKey(_ key: String) -> Bool {
        key.utf8.count > 4 && key.hasSuffix("-bin")
    }

    /// ASCII lower-casing only: header names are ASCII, and Unicode case mapping could turn an
    /// invalid name into a valid-looking one.
    static func normalize(_ key: String) -> String {
        var copy = key
        let hasUpper = copy.withUTF8 { bytes in
            // A raw loop: the generic UTF8View iteration cost ~1,700 instructions a header.
            for index in 0..<bytes.count where bytes[index] &- UInt8(ascii: "A") < 26 { return true }
            return false
        }
        guard hasUpper else { return key }
        let lowered = key.utf8.map { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 0x20 : byte
        }
        return String(decoding: lowered, as: UTF8.self)
    }
}

extension Metadata: Sequence {
    public typealias Element = (key: String, value: Value)

    public struct Iterator: IteratorProtocol {
        fileprivate var base: IndexingIterator<[Entry]>

        public mutating func next() -> (key: String, value: Value)? {
            base.next().map { ($0.key, $0.value) }
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(base: entries.makeIterator())
    }

    public var underestimatedCount: Int { entries.count }
}

/// `["x-request-id": "42"]`: the literal values are strings, through ``Value``'s
/// `ExpressibleByStringLiteral`, because the protocol's `Value` must be ``Metadata/Value``.
extension Metadata: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, Value)...) {
        for (key, value) in elements {
            switch value {
            case .string(let text): add(key, text)
            case .binary(let bytes): add(key, binary: bytes)
            }
        }
    }
}

extension Metadata.Value: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        self = .string(value)
    }
}
