internal import ServiceKit

extension ResourceKind {
    // Accountability's own resources.
    static let referral = ResourceKind("referral", table: "referrals")
    static let batch = ResourceKind("batch", table: "batches")
    static let escalation = ResourceKind("escalation", table: "escalations")
    static let supervision = ResourceKind("supervision", table: "supervisions")

    // Intake's, named by intake's ids: accountability keys its rows by intake's integer keys, and
    // reads those from the ids. Their tables are intake's; only the names and keys are used here.
    static let region = ResourceKind("region", table: "regions")
    static let agency = ResourceKind("agency", table: "agencies")
    static let `case` = ResourceKind("case", table: "cases")
    static let opinion = ResourceKind("opinion", table: "opinions")
}
