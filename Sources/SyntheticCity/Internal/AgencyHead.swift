internal import Messages

/// A person who can appear in court for an agency (负责人): the same few people appear across
/// an agency's cases, as they would.
struct AgencyHead: Sendable {
    let name: String
    let position: String
    let rank: Shuangjiang.Intake.V1.HeadRank
}
