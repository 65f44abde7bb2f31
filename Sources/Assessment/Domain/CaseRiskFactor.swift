/// The factors a case's risk score adds up (case_risk.proto, RiskFactor): each is a fact a justice
/// bureau can check in its own records, scored from 0 to the factor's configured weight.
public enum CaseRiskFactor: Int, CaseIterable, Sendable {
    /// The defendant agency's first-instance loss rate over the history window, smoothed toward
    /// the city's rate when its history is short.
    case agencyLossHistory
    /// The city's first-instance loss rate in the case's category (案由) over the window, smoothed
    /// the same way.
    case categoryLossRate
    /// A hearing is scheduled (or held) and no head appearance (负责人出庭) is recorded.
    case noHeadAppearance
    /// Pre-litigation mediation ended failed (full points) or partly resolved (half).
    case mediationFailed
    /// The defendant had a reconsideration decision corrected (复议纠错) in the year before the
    /// case was filed.
    case priorReconsiderationCorrection
    /// An opinion incident (舆情) names the case as its related case.
    case relatedOpinion
    /// Open longer than the city's median time from filing to first-instance conclusion.
    case timeOpen
    /// More than one plaintiff (群体性诉讼 at the top of the scale).
    case multiplePlaintiffs

    /// The stable machine name.
    public var name: String {
        switch self {
        case .agencyLossHistory: "agency_loss_history"
        case .categoryLossRate: "category_loss_rate"
        case .noHeadAppearance: "no_head_appearance"
        case .mediationFailed: "mediation_failed"
        case .priorReconsiderationCorrection: "prior_reconsideration_correction"
        case .relatedOpinion: "related_opinion"
        case .timeOpen: "time_open"
        case .multiplePlaintiffs: "multiple_plaintiffs"
        }
    }

    /// The display label.
    public var label: String {
        switch self {
        case .agencyLossHistory: "被告机关近一年败诉率"
        case .categoryLossRate: "同类案由近一年败诉率"
        case .noHeadAppearance: "开庭未安排负责人出庭"
        case .mediationFailed: "诉前调解未成功"
        case .priorReconsiderationCorrection: "被告机关立案前一年复议被纠错"
        case .relatedOpinion: "关联网络舆情"
        case .timeOpen: "立案时间超过通常审结用时"
        case .multiplePlaintiffs: "多名原告"
        }
    }
}
