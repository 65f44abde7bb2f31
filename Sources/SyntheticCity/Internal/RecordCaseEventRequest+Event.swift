internal import Messages

extension Shuangjiang.Intake.V1.RecordCaseEventRequest.Event {
    /// The two oneofs have the same members; the generated code has no conversion.
    init(_ event: Shuangjiang.Intake.V1.CaseEvent.Event) {
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
