/// What kind of defendant an agency is, as the loss model sees it (LossModel's class effects).
enum AgencyClass: Sendable {
    case cityGovernment
    case cityDepartment
    case countyGovernment
    case countyDepartment
    case townshipGovernment
    case zoneCommittee

    var lossEffect: Double {
        switch self {
        case .cityGovernment: LossModel.cityGovernment
        case .cityDepartment: LossModel.cityDepartment
        case .countyGovernment: LossModel.countyGovernment
        case .countyDepartment: LossModel.countyDepartment
        case .townshipGovernment: LossModel.townshipGovernment
        case .zoneCommittee: LossModel.zoneCommittee
        }
    }

    var isGovernment: Bool {
        switch self {
        case .cityGovernment, .countyGovernment, .townshipGovernment, .zoneCommittee: true
        case .cityDepartment, .countyDepartment: false
        }
    }
}
