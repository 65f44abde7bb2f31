import Intake
import Messages
import ServiceKit
import SharedDomain

/// Short builders for case events in tests.
enum CaseEvents {
    typealias V1 = Shuangjiang.Intake.V1
    typealias Event = V1.CaseEvent.Event

    static func day(_ year: Int32, _ month: Int32, _ day: Int32) -> Shuangjiang.Common.V1.Date {
        CivilDate(year: year, month: month, day: day)!.date
    }

    static func mediationStarted(_ on: Shuangjiang.Common.V1.Date) -> Event {
        var value = V1.MediationStarted()
        value.channel = .peoples
        value.startedOn = on
        return .mediationStarted(value)
    }

    static func mediationConcluded(_ on: Shuangjiang.Common.V1.Date) -> Event {
        var value = V1.MediationConcluded()
        value.result = .failed
        value.concludedOn = on
        return .mediationConcluded(value)
    }

    static func selfCorrected(_ on: Shuangjiang.Common.V1.Date) -> Event {
        var value = V1.SelfCorrected()
        value.correctedOn = on
        value.summary = "penalty reduced"
        return .selfCorrected(value)
    }

    static func hearing() -> Event {
        var value = V1.HearingScheduled()
        value.hearingAt = Instant(seconds: 1_717_000_000).timestamp
        value.courtName = "徐州市中级人民法院"
        return .hearingScheduled(value)
    }

    static func appearance(_ on: Shuangjiang.Common.V1.Date) -> Event {
        var value = V1.HeadAppearance()
        value.personName = "王局长"
        value.rank = .principal
        value.spoke = true
        value.evaluation = .good
        value.appearedOn = on
        return .headAppearance(value)
    }

    static func concluded(
        _ outcome: V1.CaseOutcome, _ on: Shuangjiang.Common.V1.Date, instance: V1.Instance = .first
    ) -> Event {
        var value = V1.Concluded()
        value.outcome = outcome
        value.concludedOn = on
        value.instance = instance
        return .concluded(value)
    }

    static func appealed(_ on: Shuangjiang.Common.V1.Date) -> Event {
        var value = V1.Appealed()
        value.appealedOn = on
        value.appellant = .agency
        value.higherCourtName = "江苏省高级人民法院"
        return .appealed(value)
    }

    static func withdrawn(_ on: Shuangjiang.Common.V1.Date, afterChange: Bool = false) -> Event {
        var value = V1.Withdrawn()
        value.withdrawnOn = on
        value.afterAgencyChangedAct = afterChange
        return .withdrawn(value)
    }
}
