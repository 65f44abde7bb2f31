/// A rung of the escalation ladder. Raw values are common.v1.EscalationKind.
public enum EscalationRung: Int32, Sendable {
    /// 约谈 by the deputy mayor in charge.
    case interview = 1
    /// 检讨 at the city government's executive meeting.
    case selfCriticism = 2
}
