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
