import Messages
import SJCtlKit
import SharedDomain

extension Views {
    /// One line per change for `sjctl watch events`.
    static func eventLine(_ event: IntakeV1.ChangeEvent, zone: CityTimeZone) -> String {
        let head = "#\(event.sequence)  \(Show.time(event.committedAt, zone: zone))  "
        switch event.change {
        case .regionCreated(let region):
            return head + "region-created  \(region.id) \(region.name) (\(region.regionKind.shortName))"
        case .agencyCreated(let agency):
            return head + "agency-created  \(agency.id) \(agency.name) in \(agency.regionId)"
        case .caseFiled(let filed):
            return head
                + "case-filed  \(filed.id) \(filed.docketNumber) against \(filed.defendantAgencyId), filed \(Show.date(filed.filedOn))"
        case .caseEventRecorded(let recorded):
            let snapshot = recorded.caseSnapshot
            let what = recorded.event.flatMap { Self.eventName($0) } ?? "re-settled by a linked record"
            return head
                + "case-event  \(snapshot?.id ?? "—") \(snapshot?.docketNumber ?? "") \(what) → \(snapshot?.state.shortName ?? "—")"
                + (snapshot?.isLoss == true ? " (loss)" : "")
        case .opinionReported(let opinion):
            return head
                + "opinion-reported  \(opinion.id) \(opinion.importance.shortName) \(TextWidth.truncate(opinion.summary, to: 40))"
        case .milestoneRecorded(let recorded):
            return head
                + "milestone  \(recorded.opinionSnapshot?.id ?? "—") \(recorded.milestone?.kind.shortName ?? "—") at "
                + Show.time(recorded.milestone?.occurredAt, zone: zone)
        case nil:
            return head + "(a change this sjctl does not know)"
        }
    }

    static func eventName(_ event: IntakeV1.CaseEvent) -> String? {
        switch event.event {
        case .mediationStarted: "mediation started"
        case .mediationConcluded: "mediation concluded"
        case .selfCorrected: "self-corrected"
        case .hearingScheduled: "hearing scheduled"
        case .headAppearance: "head appeared"
        case .concluded(let concluded): "concluded: \(concluded.outcome.shortName)"
        case .appealed: "appealed"
        case .withdrawn: "withdrawn"
        case nil: nil
        }
    }
}
