public import Messages

/// The generating model's coefficients: each is added to the log-odds that a first-instance
/// litigation case decided on the merits ends in a loss (败诉). docs/synthetic-city.md has the
/// same table with the reasons.
///
/// The intercept is not here: the generator sets it for each year of conclusion so that the
/// city's loss rate follows `CityParameters`' path (falling from `firstYearLossRate` towards
/// `lossRateFloor`). Everything below moves single cases up or down around that level, and all of
/// it except the two random effects can be read off the data intake holds, so a risk model fed
/// those factors has signal to find.
public enum LossModel {
    public typealias V1 = Shuangjiang.Intake.V1

    // Defendant (被告) class.
    public static let countyGovernment = 0.55
    public static let townshipGovernment = 0.55
    public static let zoneCommittee = 0.35
    public static let cityGovernment = 0.15
    public static let countyDepartment = 0.0
    public static let cityDepartment = -0.55

    // What happened in the case before judgment.
    /// The agency's head appeared in court (负责人出庭).
    public static let headAppeared = -0.45
    /// …and spoke (出声), on top of appearing.
    public static let headSpoke = -0.25
    /// Pre-litigation mediation failed (调解不成): the dispute is entrenched.
    public static let mediationFailed = 0.60
    public static let mediationPartiallyResolved = 0.20
    /// The defendant had a reconsideration decision in the same category corrected (复议纠错) in
    /// the 365 days before the filing: its acts in that line of work are shakier.
    public static let priorReconsiderationCorrection = 0.45
    /// An opinion incident (舆情) names the case: public pressure, and usually a real grievance.
    public static let relatedOpinion = 0.60
    /// Per unit of ln(plaintiff count): group suits (群体性诉讼) are harder to win.
    public static let perLogPlaintiff = 0.25
    /// The plaintiff is a legal person (法人), with counsel.
    public static let legalPerson = 0.15

    // Random effects: not observable as such, only through each unit's record.
    /// Standard deviation of a county's, district's or zone's effect (the city region has none:
    /// its agencies are the city's own).
    public static let regionSpread = 0.25
    /// Added to the region with the largest drawn effect, so one county stands out and crosses
    /// the 10% line in some quarters.
    public static let problemRegion = 0.55
    /// Standard deviation of an agency's effect, shared by its litigation and its reconsideration.
    public static let agencySpread = 0.30

    /// Reconsideration corrections (复议纠错) follow the same category, class and agency effects,
    /// scaled by this, around their own yearly level.
    public static let reconsiderationScale = 0.8

    /// The category's effect (案由). Expropriation, work-injury determination and information
    /// disclosure are the report's high-loss lines.
    public static func categoryEffect(_ category: V1.CaseCategory, detail: String) -> Double {
        switch category {
        case .expropriation: 0.90
        case .confirmation: detail == "工伤认定" ? 1.20 : 0.20
        case .informationDisclosure: 0.90
        case .coerciveEnforcement: 0.40
        case .nonperformance: 0.35
        case .indemnity: 0.30
        case .agreement: 0.25
        case .compensation: 0.20
        case .benefit: 0.10
        case .coerciveMeasure, .adjudication: 0.0
        case .licensing: -0.10
        case .registration: -0.15
        case .other: -0.20
        case .penalty: -0.30
        default: 0.0
        }
    }
}
