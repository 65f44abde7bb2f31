internal import ServiceKit

/// Intake's id prefixes: assessment keys its rows by intake's keys, so it reads them from intake's
/// ids and writes intake's ids back in answers.
extension ResourceKind {
    static let region = ResourceKind("region", table: "regions")
    static let agency = ResourceKind("agency", table: "agencies")
    static let `case` = ResourceKind("case", table: "cases")
    static let opinion = ResourceKind("opinion", table: "opinions")
}
