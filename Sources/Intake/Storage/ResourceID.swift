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
    func parse(_ id: String) -> Int64? {
        guard id.hasPrefix(rawValue + "-"), let key = Int64(id.dropFirst(rawValue.count + 1)), key > 0 else {
            return nil
        }
        return key
    }
}
