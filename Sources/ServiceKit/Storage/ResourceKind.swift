#if canImport(Glibc)
    internal import Glibc
#endif

/// A kind of resource with opaque ids: a prefix and the row's integer key, e.g. "case-42".
/// Clients never parse ids; we do, to reach the row by its explicit primary key (`id`) without a
/// second index.
///
/// The statements a service runs on every write are built once here: a statement string built
/// per call cost an allocation, a full hash and a full comparison in the statement cache.
public struct ResourceKind: Hashable, Sendable {
    /// The id prefix, and how messages name the resource ("no case has id …").
    public let name: String
    /// The table whose `id` column holds the key and whose `body` column the stored message.
    public let table: String
    /// The next key: only the single writer inserts, so max + 1 is free.
    public let nextKeySQL: String
    /// The stored body of key `?`.
    public let bodySQL: String
    /// Key `?` if it exists.
    public let keySQL: String
    /// `name` and the dash, as bytes: comparing with a String's UTF-8 view walked it through a
    /// generic iterator, a percent of a replay.
    private let prefix: [UInt8]

    public init(_ name: String, table: String) {
        self.name = name
        prefix = Array("\(name)-".utf8)
        self.table = table
        nextKeySQL = "SELECT coalesce(max(id), 0) + 1 FROM \(table)"
        bodySQL = "SELECT body FROM \(table) WHERE id = ?"
        keySQL = "SELECT id FROM \(table) WHERE id = ?"
    }

    public func format(_ key: Int64) -> String { "\(name)-\(key)" }

    /// The row key, or nil for an id that is not one of ours (reported as NOT_FOUND).
    ///
    /// Read as bytes: every write parses ids, and `hasPrefix`/`dropFirst` on the String walk
    /// grapheme clusters (2% of intake's writer instructions).
    public func parse(_ id: String) -> Int64? {
        var id = id
        return id.withUTF8 { bytes -> Int64? in
            guard bytes.count > prefix.count, memcmp(bytes.baseAddress!, prefix, prefix.count) == 0 else { return nil }
            var key: Int64 = 0
            for byte in bytes[prefix.count...] {
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
                let (shifted, overflowA) = key.multipliedReportingOverflow(by: 10)
                let (next, overflowB) = shifted.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
                guard !overflowA && !overflowB else { return nil }
                key = next
            }
            return key > 0 ? key : nil
        }
    }
}
