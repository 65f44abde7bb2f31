public import Messages
internal import ServiceKit
public import SharedDomain

extension CaseRiskFacts {
    /// The risk facts of an intake case snapshot, each dated; nil unless the record is
    /// first-instance litigation with readable ids and dates (the cases the loss rate counts,
    /// and the only ones scored).
    public init?(snapshot: Shuangjiang.Intake.V1.Case, timeZone: CityTimeZone) {
        guard snapshot.kind == .litigation, snapshot.instance == .first,
            let key = ResourceKind.case.parse(snapshot.id), let region = ResourceKind.region.parse(snapshot.regionId),
            let agency = ResourceKind.agency.parse(snapshot.defendantAgencyId),
            let filedOn = CivilDate(snapshot.filedOn)
        else { return nil }
        let day = { (timestamp: Google.Protobuf.Timestamp?) in Instant(timestamp).flatMap { timeZone.date(of: $0) } }
        self.init(
            caseKey: key, docketNumber: snapshot.docketNumber, regionKey: region, agencyKey: agency,
            category: snapshot.category.rawValue, filedOn: filedOn, concludedOn: CivilDate(snapshot.concludedOn),
            plaintiffCount: max(snapshot.plaintiffCount, 1))
        for recorded in snapshot.events {
            switch recorded.event {
            case .hearingScheduled(let hearing) where hearingOn == nil:
                guard let on = day(hearing.hearingAt) else { break }
                hearingOn = on
                // Known from when it was recorded, or from the hearing itself if history was
                // recorded after the fact.
                hearingKnownOn = min(day(recorded.recordedAt) ?? on, on)
            case .headAppearance(let appearance) where headAppearedOn == nil:
                headAppearedOn = CivilDate(appearance.appearedOn)
            case .mediationConcluded(let mediation):
                let on = CivilDate(mediation.concludedOn)
                if mediation.result == .failed, mediationFailedOn == nil { mediationFailedOn = on }
                if mediation.result == .partiallyResolved, mediationPartialOn == nil { mediationPartialOn = on }
            default: break
            }
        }
    }
}
