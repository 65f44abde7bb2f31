/// Every indicator of one scope and period, from the period's summed counts (indicators.proto
/// says exactly what each counts).
public struct IndicatorFigures: Equatable, Sendable {
    public let counts: Counts
    public let lossRateFormula: LossRateFormula

    public init(counts: Counts, lossRateFormula: LossRateFormula) {
        self.counts = counts
        self.lossRateFormula = lossRateFormula
    }

    public var lossRate: Rate { lossRateFormula.rate(counts) }
    public var caseVolume: Int64 { counts[.litigationFiled] }
    public var reconsiderationVolume: Int64 { counts[.reconsiderationFiled] }
    public var correctionRate: Rate {
        Rate(counts[.corrected], counts[.reconsiderationConcluded], formula: "correction_rate.direct")
    }
    public var comprehensiveCorrectionRate: Rate {
        Rate(
            counts[.comprehensivelyCorrected], counts[.reconsiderationConcluded],
            formula: "correction_rate.comprehensive")
    }
    public var appearanceRate: Rate { Rate(counts[.appeared], counts[.hearingScheduled], formula: "appearance_rate") }
    public var speakRate: Rate { Rate(counts[.spoke], counts[.appeared], formula: "speak_rate") }
    public var mediationWithdrawalRate: Rate {
        Rate(counts[.mediatedOrWithdrawn], counts[.concluded], formula: "mediation_withdrawal_rate")
    }
    public var appealRate: Rate { Rate(counts[.appealed], counts[.concluded], formula: "appeal_rate") }
    public var withdrawnAfterChangeCount: Int64 { counts[.withdrawnAfterChange] }
}
