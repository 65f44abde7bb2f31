/// A life-cycle rule of a case that an event can break. Each has a stable name, reported in the
/// FAILED_PRECONDITION message so a client (and a test) can tell which rule applied.
public enum CaseRule: String, Sendable, CaseIterable {
    case concludedTwice = "case.concluded_twice"
    case eventAfterConclusion = "case.event_after_conclusion"
    case eventAfterWithdrawal = "case.event_after_withdrawal"
    case secondInstanceWithoutAppeal = "case.second_instance_without_appeal"
    case firstInstanceAlreadyConcluded = "case.first_instance_already_concluded"
    case appealOnlyFromFirstInstanceLitigation = "case.appeal_only_from_first_instance_litigation"
    case appealAlreadyPending = "case.appeal_already_pending"
    case datedBeforeFiling = "case.dated_before_filing"
    case appealDatedBeforeJudgment = "case.appeal_dated_before_judgment"
    case higherInstanceDatedBeforeAppeal = "case.higher_instance_dated_before_appeal"
    case mediationAlreadyStarted = "case.mediation_already_started"
    case mediationNotStarted = "case.mediation_not_started"
    case mediationEndsBeforeStart = "case.mediation_ends_before_start"
    case mediationDuringHearing = "case.mediation_after_hearing_scheduled"
    case hearingDuringMediation = "case.hearing_during_mediation"
    case appearanceWithoutHearing = "case.appearance_without_hearing"

    public var explanation: String {
        switch self {
        case .concludedTwice: "the case is already concluded; an instance concludes once"
        case .eventAfterConclusion: "the case is concluded; only an appeal of a first-instance judgment may follow"
        case .eventAfterWithdrawal: "the case was withdrawn; no event may follow"
        case .secondInstanceWithoutAppeal: "a second-instance outcome needs an appeal recorded first"
        case .firstInstanceAlreadyConcluded:
            "the first instance has concluded and is under appeal; record the appeal's outcome with INSTANCE_SECOND"
        case .appealOnlyFromFirstInstanceLitigation:
            "only a litigation case concluded at first instance can be appealed"
        case .appealAlreadyPending: "an appeal is already pending"
        case .datedBeforeFiling: "an event cannot be dated before the case's filed_on"
        case .appealDatedBeforeJudgment: "an appeal cannot be dated before the first-instance concluded_on"
        case .higherInstanceDatedBeforeAppeal: "the higher instance cannot end before the appeal was lodged"
        case .mediationAlreadyStarted: "mediation is already under way"
        case .mediationNotStarted: "no mediation is under way"
        case .mediationEndsBeforeStart: "a mediation cannot conclude before it started"
        case .mediationDuringHearing: "pre-litigation mediation cannot start once a hearing is scheduled"
        case .hearingDuringMediation: "conclude the mediation before scheduling a hearing"
        case .appearanceWithoutHearing: "a head appearance needs a scheduled hearing"
        }
    }
}
