public import Messages

/// A request to one of intake's creating or recording RPCs, ready to send.
public enum IntakeRequest: Hashable, Sendable {
    public typealias V1 = Shuangjiang.Intake.V1

    case createRegion(V1.CreateRegionRequest)
    case createAgency(V1.CreateAgencyRequest)
    case fileCase(V1.FileCaseRequest)
    case recordCaseEvent(V1.RecordCaseEventRequest)
    case reportOpinion(V1.ReportOpinionRequest)
    case recordOpinionMilestone(V1.RecordOpinionMilestoneRequest)

    /// The protobuf encoding, e.g. to fingerprint a whole history.
    public func serializedBytes() throws(ProtoError) -> [UInt8] {
        switch self {
        case .createRegion(let request): try request.serializedBytes()
        case .createAgency(let request): try request.serializedBytes()
        case .fileCase(let request): try request.serializedBytes()
        case .recordCaseEvent(let request): try request.serializedBytes()
        case .reportOpinion(let request): try request.serializedBytes()
        case .recordOpinionMilestone(let request): try request.serializedBytes()
        }
    }
}
