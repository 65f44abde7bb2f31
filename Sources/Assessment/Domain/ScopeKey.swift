/// The unit counts are kept for: the whole city, one region, one agency (by intake's keys).
public enum ScopeKey: Hashable, Sendable {
    case city
    case region(Int64)
    case agency(Int64)

    /// The stored form: kind 0, 1, 2 and the key (0 for the city).
    public var kind: Int64 {
        switch self {
        case .city: 0
        case .region: 1
        case .agency: 2
        }
    }

    public var id: Int64 {
        switch self {
        case .city: 0
        case .region(let key), .agency(let key): key
        }
    }
}

extension CaseFacts {
    /// Every scope the case counts in.
    public var scopes: [ScopeKey] { [.city, .region(regionKey), .agency(agencyKey)] }
}
