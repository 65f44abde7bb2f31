internal import Messages
internal import ServiceKit
internal import SharedDomain

extension CaseFacts {
    /// The facts of an intake case snapshot; nil for a snapshot this version cannot read (an
    /// unknown kind, a bad id or date), which is then skipped rather than miscounted.
    init?(snapshot: Shuangjiang.Intake.V1.Case) {
        let kind: Kind
        switch snapshot.kind {
        case .litigation: kind = .litigation
        case .reconsideration: kind = .reconsideration
        default: return nil
        }
        guard let region = ResourceKind.region.parse(snapshot.regionId),
            let agency = ResourceKind.agency.parse(snapshot.defendantAgencyId),
            let filedOn = CivilDate(snapshot.filedOn)
        else { return nil }
        let concludedOn = CivilDate(snapshot.concludedOn)
        // Provisional while a higher instance is pending: the judgment given stands until changed.
        let outcome =
            snapshot.finalOutcome.outcome ?? (concludedOn != nil ? snapshot.firstInstanceOutcome.outcome : nil)
        var appealed = false
        var hearing = false
        var appeared = false
        var spoke = false
        for recorded in snapshot.events {
            switch recorded.event {
            case .appealed: appealed = true
            case .hearingScheduled: hearing = true
            case .headAppearance(let appearance):
                appeared = true
                if appearance.spoke { spoke = true }
            default: break
            }
        }
        self.init(
            kind: kind, isFirstInstance: snapshot.instance == .first, regionKey: region, agencyKey: agency,
            filedOn: filedOn, concludedOn: concludedOn, outcome: outcome,
            appealed: appealed || snapshot.state == .appealed,
            hearingScheduled: hearing, headAppeared: appeared, headSpoke: spoke, selfCorrected: snapshot.selfCorrected)
    }
}
