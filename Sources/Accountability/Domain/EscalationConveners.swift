/// Who conducts each rung of the escalation ladder, as escalations name it.
public struct EscalationConveners: Equatable, Sendable {
    /// 约谈: the deputy mayor in charge.
    public var interview = "市政府分管副市长"
    /// 检讨: the city government's executive meeting, where the region's head makes it.
    public var selfCriticism = "市政府常务会议"

    public init() {}

    /// The rung for a crossing that did not name one (an older assessment): the first crossing
    /// in the window an interview, every later one a self-criticism.
    public static func rung(forOccurrence occurrence: Int32) -> EscalationRung {
        occurrence <= 1 ? .interview : .selfCriticism
    }

    public func convener(of rung: EscalationRung) -> String {
        switch rung {
        case .interview: interview
        case .selfCriticism: selfCriticism
        }
    }
}
