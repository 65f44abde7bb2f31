import Messages

/// One change as the tests compare it on both sides: position, kind and the entity it names.
struct FeedEntry: Hashable, Sendable, CustomStringConvertible {
    let sequence: Int64
    let change: String
    let subject: String

    init(sequence: Int64, change: String, subject: String) {
        self.sequence = sequence
        self.change = change
        self.subject = subject
    }

    init(_ event: Shuangjiang.Intake.V1.ChangeEvent) {
        let (change, subject): (String, String) =
            switch event.change {
            case .regionCreated(let region): ("region_created", region.id)
            case .agencyCreated(let agency): ("agency_created", agency.id)
            case .caseFiled(let filed): ("case_filed", filed.id)
            case .caseEventRecorded(let recorded): ("case_event_recorded", recorded.caseSnapshot?.id ?? "")
            case .opinionReported(let opinion): ("opinion_reported", opinion.id)
            case .milestoneRecorded(let recorded): ("milestone_recorded", recorded.opinionSnapshot?.id ?? "")
            case nil: ("unknown", "")
            }
        self.init(sequence: event.sequence, change: change, subject: subject)
    }

    var description: String { "\(sequence) \(change) \(subject)" }
}
