public import Messages

/// What the generating model weighed for one first-instance litigation case (see `LossModel`):
/// the observable factors as intake will see them, the unobservable random effects, and the
/// resulting log-odds and probability of a loss. Ground truth for evaluating a risk model; none
/// of it is sent to intake beyond what the case's own fields and events say.
public struct CaseFactors: Sendable, Hashable {
    /// The agency head appeared at a first-instance hearing (负责人出庭).
    public var headAppeared = false
    /// …and spoke (出声).
    public var headSpoke = false
    /// How pre-litigation mediation ended; UNSPECIFIED when there was none.
    public var mediation = Shuangjiang.Intake.V1.MediationResult.unspecified
    /// The defendant had a reconsideration decision in the same category corrected in the 365
    /// days before filing.
    public var priorReconsiderationCorrection = false
    /// An opinion incident names the case (reported before the case concluded).
    public var relatedOpinion = false
    public var plaintiffCount = 1
    public var legalPerson = false
    public var categoryEffect = 0.0
    public var agencyClassEffect = 0.0
    /// The region's and the agency's random effects (not observable as such).
    public var regionEffect = 0.0
    public var agencyEffect = 0.0
    /// The year's intercept the generator calibrated.
    public var intercept = 0.0
    /// Whether the case reached a decision on the merits, the only way it could be lost;
    /// mediated, withdrawn and procedurally dismissed cases cannot.
    public var decidedOnMerits = false

    public init() {}

    /// The log-odds of a loss if decided on the merits: the intercept plus every effect above.
    public var logOdds: Double {
        var sum = intercept + categoryEffect + agencyClassEffect + regionEffect + agencyEffect
        if headAppeared { sum += LossModel.headAppeared }
        if headSpoke { sum += LossModel.headSpoke }
        switch mediation {
        case .failed: sum += LossModel.mediationFailed
        case .partiallyResolved: sum += LossModel.mediationPartiallyResolved
        default: break
        }
        if priorReconsiderationCorrection { sum += LossModel.priorReconsiderationCorrection }
        if relatedOpinion { sum += LossModel.relatedOpinion }
        if plaintiffCount > 1 { sum += LossModel.perLogPlaintiff * PortableMath.log(Double(plaintiffCount)) }
        if legalPerson { sum += LossModel.legalPerson }
        return sum
    }

    /// The probability of a loss (before the agency's chance to correct itself and have the
    /// suit withdrawn); 0 for a case that never reached the merits.
    public var lossProbability: Double { decidedOnMerits ? PortableMath.logistic(logOdds) : 0 }
}
