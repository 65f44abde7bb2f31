internal import SharedDomain
internal import ServiceKit
public import Messages

/// The case-type marker of an administrative docket number (案号类型代字).
public enum DocketMarker: String, CaseIterable, Sendable {
    /// 行初: first instance.
    case firstInstance = "行初"
    /// 行终: appeal (second instance).
    case appeal = "行终"
    /// 行再: retrial.
    case retrial = "行再"
    /// 行申: application for retrial (review before a retrial is granted).
    case retrialApplication = "行申"
    /// 行赔: state compensation.
    case compensation = "行赔"
    /// 行审: review of an application for non-litigation enforcement.
    case enforcementReview = "行审"

    /// The instances a record with this marker may declare. 行初/行终/行再 are fixed by the
    /// proto; for the others we follow court practice: a retrial application belongs to retrial
    /// proceedings, compensation cases are heard at first or second instance, and an enforcement
    /// review is a first (and only) instance.
    public var allowedInstances: [Shuangjiang.Intake.V1.Instance] {
        switch self {
        case .firstInstance, .enforcementReview: [.first]
        case .appeal: [.second]
        case .retrial, .retrialApplication: [.retrial]
        case .compensation: [.first, .second]
        }
    }
}
