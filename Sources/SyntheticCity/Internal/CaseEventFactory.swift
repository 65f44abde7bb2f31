internal import Messages
internal import SharedDomain

/// Builds the wire events the generator plans, one function per kind.
enum CaseEventFactory {
    typealias V1 = Shuangjiang.Intake.V1
    typealias Event = V1.CaseEvent.Event

    static func mediationStarted(_ channel: V1.MediationChannel, on day: CivilDate) -> Event {
        var value = V1.MediationStarted()
        value.channel = channel
        value.startedOn = day.protoDate
        return .mediationStarted(value)
    }

    static func mediationConcluded(_ result: V1.MediationResult, on day: CivilDate) -> Event {
        var value = V1.MediationConcluded()
        value.result = result
        value.concludedOn = day.protoDate
        return .mediationConcluded(value)
    }

    static func selfCorrected(on day: CivilDate, summary: String) -> Event {
        var value = V1.SelfCorrected()
        value.correctedOn = day.protoDate
        value.summary = summary
        return .selfCorrected(value)
    }

    static func hearingScheduled(at instant: Instant, court: String) -> Event {
        var value = V1.HearingScheduled()
        value.hearingAt = instant.timestamp
        value.courtName = court
        return .hearingScheduled(value)
    }

    static func headAppearance(
        _ head: AgencyHead, spoke: Bool, evaluation: V1.AppearanceEvaluation, on day: CivilDate
    ) -> Event {
        var value = V1.HeadAppearance()
        value.personName = head.name
        value.rank = head.rank
        value.position = head.position
        value.spoke = spoke
        value.evaluation = evaluation
        value.evaluationNote = CaseTexts.evaluationNote(evaluation)
        value.appearedOn = day.protoDate
        return .headAppearance(value)
    }

    /// The document number is filled in once docket numbers are assigned (the judgment carries
    /// the case's number).
    static func concluded(_ outcome: V1.CaseOutcome, on day: CivilDate, instance: V1.Instance) -> Event {
        var value = V1.Concluded()
        value.outcome = outcome
        value.concludedOn = day.protoDate
        value.instance = instance
        return .concluded(value)
    }

    static func appealed(on day: CivilDate, by appellant: V1.Appellant, to court: Court) -> Event {
        var value = V1.Appealed()
        value.appealedOn = day.protoDate
        value.appellant = appellant
        value.higherCourtName = court.name
        return .appealed(value)
    }

    static func withdrawn(on day: CivilDate, afterChange: Bool) -> Event {
        var value = V1.Withdrawn()
        value.withdrawnOn = day.protoDate
        value.afterAgencyChangedAct = afterChange
        return .withdrawn(value)
    }
}
