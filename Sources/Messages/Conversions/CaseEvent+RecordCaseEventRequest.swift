// The case-event oneof appears twice in intake's API with the same members: in a CaseEvent (and
// import rows) and in a RecordCaseEventRequest. The generated code has no conversion between
// them; these are the one place it lives.

extension Shuangjiang.Intake.V1.CaseEvent.Event {
    public init(_ event: Shuangjiang.Intake.V1.RecordCaseEventRequest.Event) {
        switch event {
        case .mediationStarted(let value): self = .mediationStarted(value)
        case .mediationConcluded(let value): self = .mediationConcluded(value)
        case .selfCorrected(let value): self = .selfCorrected(value)
        case .hearingScheduled(let value): self = .hearingScheduled(value)
        case .headAppearance(let value): self = .headAppearance(value)
        case .concluded(let value): self = .concluded(value)
        case .appealed(let value): self = .appealed(value)
        case .withdrawn(let value): self = .withdrawn(value)
        }
    }
}

extension Shuangjiang.Intake.V1.RecordCaseEventRequest.Event {
    public init(_ event: Shuangjiang.Intake.V1.CaseEvent.Event) {
        switch event {
        case .mediationStarted(let value): self = .mediationStarted(value)
        case .mediationConcluded(let value): self = .mediationConcluded(value)
        case .selfCorrected(let value): self = .selfCorrected(value)
        case .hearingScheduled(let value): self = .hearingScheduled(value)
        case .headAppearance(let value): self = .headAppearance(value)
        case .concluded(let value): self = .concluded(value)
        case .appealed(let value): self = .appealed(value)
        case .withdrawn(let value): self = .withdrawn(value)
        }
    }
}
