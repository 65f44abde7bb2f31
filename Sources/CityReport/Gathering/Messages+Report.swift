public import Messages
public import SharedDomain

// Proto messages to the report's plain values (the common.v1 ones are Messages' own).

typealias CommonV1 = Shuangjiang.Common.V1
typealias IntakeV1 = Shuangjiang.Intake.V1
typealias AssessmentV1 = Shuangjiang.Assessment.V1
typealias AccountabilityV1 = Shuangjiang.Accountability.V1

extension CommonV1.Period {
    /// The period as the report names it; nil for a shape no valid request or answer has.
    public var calendarPeriod: CalendarPeriod? {
        switch kind {
        case .month: CalendarPeriod.validMonth(year: year, month: index)
        case .quarter: CalendarPeriod.validQuarter(year: year, quarter: index)
        case .year: CalendarPeriod.validYear(year)
        case .range:
            CivilDate(firstDay).flatMap { first in
                CivilDate(lastDay).flatMap { last in first <= last ? CalendarPeriod.range(first...last) : nil }
            }
        default: nil
        }
    }
}

extension RateFigure {
    init(_ rate: CommonV1.Rate?) {
        self.init(rate?.numerator ?? 0, rate?.denominator ?? 0, formula: rate?.formula ?? "")
    }
}

extension Figures {
    init(_ indicators: AssessmentV1.Indicators?) {
        self.init(
            lossRate: RateFigure(indicators?.lossRate), caseVolume: indicators?.caseVolume ?? 0,
            reconsiderationVolume: indicators?.reconsiderationVolume ?? 0,
            correctionRate: RateFigure(indicators?.correctionRate),
            comprehensiveCorrectionRate: RateFigure(indicators?.comprehensiveCorrectionRate),
            appearanceRate: RateFigure(indicators?.appearanceRate), speakRate: RateFigure(indicators?.speakRate),
            mediationWithdrawalRate: RateFigure(indicators?.mediationWithdrawalRate),
            appealRate: RateFigure(indicators?.appealRate),
            withdrawnAfterChange: indicators?.withdrawnAfterChangeCount ?? 0,
            revised: indicators?.revisedCount ?? 0)
    }
}

extension DoubleDeclineFigure {
    init(_ decline: AssessmentV1.DoubleDecline?) {
        let verdict: Verdict =
            switch decline?.verdict {
            case .achieved?: .achieved
            case .notAchieved?: .notAchieved
            default: .undetermined
            }
        self.init(
            verdict: verdict, volumeDeclined: decline?.volumeDeclined ?? false,
            lossRateDeclined: decline?.lossRateDeclined ?? false, explanation: decline?.explanation ?? "")
    }
}

extension UnitFigures {
    init(kind: Kind, id: String, name: String, regionName: String = "", _ response: AssessmentV1.GetIndicatorsResponse)
    {
        self.init(
            kind: kind, id: id, name: name, regionName: regionName, current: Figures(response.current),
            yearEarlier: Figures(response.yearEarlier), doubleDecline: DoubleDeclineFigure(response.doubleDecline))
    }
}

extension EscalationEntry.Kind {
    init(_ kind: CommonV1.EscalationKind) {
        switch kind {
        case .interview: self = .interview
        case .selfCriticism: self = .selfCriticism
        default: self = .other
        }
    }
}

extension OpinionComplianceFigures.DeadlineFigure {
    init?(_ compliance: AssessmentV1.DeadlineCompliance) {
        let deadline: OpinionComplianceFigures.Deadline
        switch compliance.kind {
        case .reportUp: deadline = .reportUp
        case .firstStatement: deadline = .firstStatement
        case .inquiriesAccepted: deadline = .inquiriesAccepted
        case .formalResponse: deadline = .formalResponse
        default: return nil
        }
        self.init(
            deadline: deadline, onTime: RateFigure(compliance.onTimeRate), met: compliance.met,
            missed: compliance.missed,
            pending: compliance.pending)
    }
}
