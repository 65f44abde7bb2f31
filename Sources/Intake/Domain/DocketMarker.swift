public import Messages
internal import ServiceKit
internal import SharedDomain

/// The case-type marker of an administrative docket number (案件类型代字), as the Supreme People's
/// Court's 2016 scheme (《关于人民法院案件案号的若干规定》 and its 案件类型及其代字标准) issues them
/// for administrative cases. Every one is litigation (CASE_KIND_LITIGATION).
public enum DocketMarker: String, CaseIterable, Sendable {
    /// 行初: administrative case, first instance (行政一审).
    case firstInstance = "行初"
    /// 行终: administrative case, second instance (行政二审).
    case appeal = "行终"
    /// 行再: administrative retrial (行政再审).
    case retrial = "行再"
    /// 行申: review of an application for retrial (行政申请再审审查).
    case retrialApplication = "行申"
    /// 行抗: review of a procuratorate's protest seeking retrial (行政抗诉再审审查).
    case protestReview = "行抗"
    /// 行监: supervision of an effective judgment (行政审判监督), e.g. a petition after a refused
    /// retrial application.
    case supervision = "行监"
    /// 行赔初: administrative compensation, first instance (行政赔偿一审).
    case compensationFirstInstance = "行赔初"
    /// 行赔终: administrative compensation, second instance (行政赔偿二审).
    case compensationAppeal = "行赔终"
    /// 行赔再: administrative compensation retrial (行政赔偿再审).
    case compensationRetrial = "行赔再"
    /// 行赔申: review of an application for a compensation retrial (行政赔偿申请再审审查).
    case compensationRetrialApplication = "行赔申"
    /// 行赔抗: review of a protest in a compensation case (行政赔偿抗诉再审审查).
    case compensationProtestReview = "行赔抗"
    /// 行审: review of an agency's application to enforce its act without a suit (非诉行政行为
    /// 申请执行审查), decided once.
    case enforcementReview = "行审"
    /// 行审复: reconsideration of an enforcement-review ruling by the court above (非诉审查复议).
    case enforcementReviewReconsideration = "行审复"
    /// 行辖: a dispute over which court hears an administrative case (行政管辖).
    case jurisdiction = "行辖"
    /// 行辖终: appeal of a jurisdiction ruling (行政管辖上诉).
    case jurisdictionAppeal = "行辖终"

    /// The instance a record with this marker declares. 行初/行终/行再 are fixed by the proto; the
    /// others follow the proceedings they name: first-instance and once-only proceedings are
    /// FIRST, those heard by the court above on a party's challenge SECOND, and every review of an
    /// effective judgment (application, protest, supervision) belongs to retrial proceedings.
    public var instance: Shuangjiang.Intake.V1.Instance {
        switch self {
        case .firstInstance, .compensationFirstInstance, .enforcementReview, .jurisdiction: .first
        case .appeal, .compensationAppeal, .enforcementReviewReconsideration, .jurisdictionAppeal: .second
        case .retrial, .retrialApplication, .protestReview, .supervision, .compensationRetrial,
            .compensationRetrialApplication, .compensationProtestReview:
            .retrial
        }
    }

    /// The markers, longest first: 行赔初 and 行辖终 start with other markers' text, so the
    /// longest that matches is the one meant.
    static let longestFirst = allCases.sorted { $0.rawValue.unicodeScalars.count > $1.rawValue.unicodeScalars.count }
}
