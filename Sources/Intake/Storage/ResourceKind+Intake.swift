internal import ServiceKit
internal import SharedDomain

/// Intake's resources: the id prefix and the table of each.
extension ResourceKind {
    static let region = ResourceKind("region", table: "regions")
    static let agency = ResourceKind("agency", table: "agencies")
    static let `case` = ResourceKind("case", table: "cases")
    static let opinion = ResourceKind("opinion", table: "opinions")
}
