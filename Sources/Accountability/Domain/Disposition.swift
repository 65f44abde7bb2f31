/// Whether and how accountability applies (追责情形). Raw values are the proto's Disposition.
public enum Disposition: Int32, CaseIterable, Sendable {
    case accountable = 1
    case exempt = 2
    case lighter = 3
    case heavier = 4
    case notAccountable = 5

    /// 追责, 从轻 and 从重 hold someone accountable; 免责 and 不予追责 do not. Only these need persons
    /// (or the unit) named and count as cases held accountable.
    public var holdsAccountable: Bool {
        switch self {
        case .accountable, .lighter, .heavier: true
        case .exempt, .notAccountable: false
        }
    }
}
