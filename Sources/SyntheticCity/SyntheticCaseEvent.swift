public import Messages
public import SharedDomain

/// One life-cycle event of a generated case, in the case's order.
public struct SyntheticCaseEvent: Sendable, Hashable {
    public typealias V1 = Shuangjiang.Intake.V1

    /// Its position among the case's events, from 0.
    public let ordinal: Int
    /// The day it happened (the date inside the event).
    public let date: CivilDate
    /// When it is recorded in the timeline: on `date`, after the filing and every earlier event.
    public let at: Instant
    /// Deterministic, so replaying the history twice records nothing twice.
    public let requestId: String
    public let event: V1.CaseEvent.Event

    public init(ordinal: Int, date: CivilDate, at: Instant, requestId: String, event: V1.CaseEvent.Event) {
        self.ordinal = ordinal
        self.date = date
        self.at = at
        self.requestId = requestId
        self.event = event
    }

    /// The case version right before this event when the history is replayed in order: filing
    /// makes version 1 and each earlier event adds one. No generated event follows a linked
    /// record's re-settling of its case, which would add a version of its own.
    public var expectedVersion: Int64 { Int64(ordinal) + 1 }

    public func request(caseId: String, expectedVersion: Int64? = nil) -> V1.RecordCaseEventRequest {
        var request = V1.RecordCaseEventRequest()
        request.caseId = caseId
        request.expectedVersion = expectedVersion ?? self.expectedVersion
        request.requestId = requestId
        request.event = V1.RecordCaseEventRequest.Event(event)
        return request
    }

    /// The event as an ImportCases row carries it.
    public var recorded: V1.CaseEvent {
        var recorded = V1.CaseEvent()
        recorded.event = event
        return recorded
    }
}
