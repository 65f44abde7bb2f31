internal import Messages

/// An agency as generated, with what the generator needs beyond its CreateAgencyRequest.
struct AgencyPlan: Sendable {
    let index: Int
    let regionIndex: Int
    let name: String
    let type: Shuangjiang.Intake.V1.AgencyType
    let level: Shuangjiang.Intake.V1.AgencyLevel
    let agencyClass: AgencyClass
    let creditCode: String
    /// How many cases it draws, relative to others.
    let caseWeight: Double
    /// How many opinion incidents it draws, relative to others.
    let opinionWeight: Double
    /// Its random effect on the log-odds of a loss (LossModel.agencySpread).
    let lossEffect: Double
    /// How slow it is with opinion milestones: 1 is typical, 2 twice as often late.
    let lateness: Double
    let heads: [AgencyHead]
    let firstInstanceCourt: Court
    let reconsiderationBody: Court
}
