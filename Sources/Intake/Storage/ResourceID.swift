/// Opaque resource ids: a kind prefix and the row's integer key, e.g. "case-42". Clients never
/// parse them; we do, to reach the row by primary key without a second index.
enum ResourceID: String, Sendable {
    case region, agency, `case`, opinion

    func format(_ key: Int64) -> String { "\(rawValue)-\(key)" }

    /// The table whose `id` column holds the key.
    var table: String {
        switch self {
        case .region: "regions"
        case .agency: "agencies"
        case .case: "cases"
        case .opinion: "opinions"
        }
    }

    // The statements on that table, spelled out rather than interpolated: case writes run them
    // every time, and a string built per call cost an allocation, a full hash and a full
    // comparison in the statement cache. `statementsNameTheirTables` keeps them in step.

    /// The next key: only the single writer inserts, so max + 1 is free.
    var nextKeySQL: String {
        switch self {
        case .region: "SELECT coalesce(max(id), 0) + 1 FROM regions"
        case .agency: "SELECT coalesce(max(id), 0) + 1 FROM agencies"
        case .case: "SELECT coalesce(max(id), 0) + 1 FROM cases"
        case .opinion: "SELECT coalesce(max(id), 0) + 1 FROM opinions"
        }
    }

    /// The stored body of key `?`.
    var bodySQL: String {
        switch self {
        case .region: "SELECT body FROM regions WHERE id = ?"
        case .agency: "SELECT body FROM agencies WHERE id = ?"
        case .case: "SELECT body FROM cases WHERE id = ?"
        case .opinion: "SELECT body FROM opinions WHERE id = ?"
        }
    }

    /// Key `?` if it exists.
    var keySQL: String {
        switch self {
        case .region: "SELECT id FROM regions WHERE id = ?"
        case .agency: "SELECT id FROM agencies WHERE id = ?"
        case .case: "SELECT id FROM cases WHERE id = ?"
        case .opinion: "SELECT id FROM opinions WHERE id = ?"
        }
    }

    /// The row key, or nil for an id that is not one of ours (reported as NOT_FOUND).
    ///
    /// Read as bytes: every case write parses ids, and `hasPrefix`/`dropFirst` on the String walk
    /// grapheme clusters (2% of the writer's instructions).
    func parse(_ id: String) -> Int64? {
        var id = id
        return id.withUTF8 { bytes -> Int64? in
            let prefix = rawValue.utf8
            guard bytes.count > prefix.count + 1, bytes.starts(with: prefix),
                bytes[prefix.count] == UInt8(ascii: "-")
            else { return nil }
            var key: Int64 = 0
            for byte in bytes[(prefix.count + 1)...] {
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
