internal import Messages

/// What each kind of agency is sued over (案由) and how a court words the finer category: a
/// human-resources bureau mostly over work-injury determinations, a county government over
/// expropriation, a township over demolitions, and so on.
enum CategoryMix {
    typealias Category = Shuangjiang.Intake.V1.CaseCategory

    static func weights(for agency: AgencyPlan) -> [(Category, Double)] {
        switch agency.agencyClass {
        case .cityGovernment, .countyGovernment:
            return [
                (.expropriation, 30), (.informationDisclosure, 15), (.nonperformance, 12), (.agreement, 8),
                (.compensation, 6), (.indemnity, 6), (.coerciveEnforcement, 8), (.registration, 3),
                (.adjudication, 4), (.other, 4), (.licensing, 2), (.confirmation, 2),
            ]
        case .townshipGovernment:
            return [
                (.coerciveEnforcement, 35), (.nonperformance, 15), (.informationDisclosure, 15), (.expropriation, 10),
                (.agreement, 8), (.compensation, 8), (.other, 9),
            ]
        case .zoneCommittee:
            return [
                (.expropriation, 35), (.agreement, 20), (.coerciveEnforcement, 15), (.informationDisclosure, 12),
                (.compensation, 8), (.nonperformance, 10),
            ]
        case .cityDepartment, .countyDepartment:
            break
        }
        switch agency.type {
        case .naturalResources:
            return [
                (.registration, 30), (.expropriation, 15), (.penalty, 15), (.informationDisclosure, 12),
                (.licensing, 10), (.nonperformance, 8), (.adjudication, 5), (.other, 5),
            ]
        case .housing:
            return [
                (.expropriation, 25), (.informationDisclosure, 15), (.licensing, 10), (.penalty, 10),
                (.nonperformance, 12), (.registration, 8), (.agreement, 8), (.other, 12),
            ]
        case .humanResourcesSocialSecurity:
            return [
                (.confirmation, 55), (.benefit, 15), (.nonperformance, 12), (.informationDisclosure, 8), (.penalty, 3),
                (.other, 7),
            ]
        case .publicSecurity:
            return [
                (.penalty, 55), (.coerciveMeasure, 12), (.nonperformance, 12), (.registration, 5),
                (.informationDisclosure, 6), (.licensing, 3), (.other, 7),
            ]
        case .marketRegulation:
            return [
                (.penalty, 40), (.nonperformance, 20), (.informationDisclosure, 15), (.registration, 12),
                (.licensing, 5), (.other, 8),
            ]
        case .ecologyEnvironment:
            return [
                (.penalty, 55), (.coerciveMeasure, 15), (.informationDisclosure, 12), (.nonperformance, 10),
                (.other, 8),
            ]
        case .urbanManagement:
            return [
                (.coerciveEnforcement, 40), (.penalty, 35), (.coerciveMeasure, 10), (.nonperformance, 7), (.other, 8),
            ]
        case .tax:
            return [(.penalty, 40), (.coerciveEnforcement, 10), (.informationDisclosure, 15), (.other, 35)]
        case .civilAffairs:
            return [(.registration, 40), (.benefit, 25), (.confirmation, 10), (.nonperformance, 10), (.other, 15)]
        default:
            return [
                (.penalty, 25), (.benefit, 15), (.licensing, 15), (.nonperformance, 15), (.informationDisclosure, 10),
                (.agreement, 10), (.other, 10),
            ]
        }
    }

    /// The finer category (案由 as the court writes it); empty for some cases, as in real feeds.
    static func detail(_ category: Category, agency: AgencyPlan, rng: inout SeededRandom) -> String {
        if rng.chance(0.08) && category != .confirmation { return "" }
        switch category {
        case .confirmation:
            return agency.type == .humanResourcesSocialSecurity ? "工伤认定" : "行政确认"
        case .expropriation:
            return rng.element(["房屋征收补偿决定", "集体土地征收", "房屋征收决定"])
        case .coerciveEnforcement:
            return agency.type == .tax ? "税务强制执行" : rng.chance(0.8) ? "强制拆除" : "行政强制执行"
        case .penalty:
            switch agency.type {
            case .publicSecurity: return "治安管理处罚"
            case .marketRegulation: return "市场监管行政处罚"
            case .ecologyEnvironment: return "环境行政处罚"
            case .urbanManagement: return "城市管理行政处罚"
            case .tax: return "税务行政处罚"
            default: return "行政处罚"
            }
        case .registration:
            switch agency.type {
            case .naturalResources: return "不动产登记"
            case .marketRegulation: return "企业登记"
            case .civilAffairs: return "婚姻登记"
            case .publicSecurity: return "户籍登记"
            case .housing: return "房屋登记"
            default: return "行政登记"
            }
        case .informationDisclosure: return "政府信息公开"
        case .nonperformance:
            switch agency.type {
            case .marketRegulation: return "举报投诉处理"
            case .publicSecurity: return "不履行保护人身权、财产权法定职责"
            default: return "不履行法定职责"
            }
        case .benefit: return agency.type == .civilAffairs ? "最低生活保障" : "社会保险待遇"
        case .agreement: return agency.agencyClass == .zoneCommittee ? "招商引资协议" : "征收补偿协议"
        case .compensation: return "行政赔偿"
        case .indemnity: return "行政补偿"
        case .adjudication: return "土地权属争议裁决"
        case .licensing: return "行政许可"
        case .coerciveMeasure: return "查封、扣押"
        default: return "其他行政行为"
        }
    }
}
