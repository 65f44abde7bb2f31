/// How case risk is scored (configuration): each factor's weight, the level thresholds, and the
/// few constants that turn a fact into points. Defaults are in docs/case-risk.md with the reasons.
public struct CaseRiskRules: Equatable, Sendable {
    /// The most points each factor can add; the defaults sum to 100.
    public var weights: [CaseRiskFactor: Double]
    /// RED at or above this score.
    public var redThreshold: Double
    /// YELLOW at or above this score.
    public var yellowThreshold: Double
    /// Calendar months of history before the assessment month that the rates and the time to
    /// conclusion are taken over.
    public var historyMonths: Int32
    /// Pseudo-cases at the city's rate added to an agency's or category's record (k in
    /// (losses + k·cityRate) / (concluded + k)).
    public var smoothingCases: Double
    /// A smoothed loss rate at or above this earns a rate factor its full weight; below, points
    /// are in proportion.
    public var fullPointsLossRate: Double
    /// The city's rate to smooth toward while the city itself has no concluded case in the window.
    public var priorLossRate: Double
    /// Below this many conclusions in the window, the typical time to conclusion is
    /// ``defaultConclusionDays`` instead of the observed median.
    public var minimumConclusionTimes: Int
    /// 180 days: the six months the Administrative Litigation Law (第八十一条) allows a first
    /// instance.
    public var defaultConclusionDays: Int64
    /// How far before filing a reconsideration correction of the same agency counts.
    public var correctionLookbackDays: Int64
    /// Plaintiffs at which the plaintiff factor reaches its full weight (2 plaintiffs earn 1/4 of
    /// it with the default 5).
    public var fullPointsPlaintiffs: Int32

    public static let defaultWeights: [CaseRiskFactor: Double] = [
        .agencyLossHistory: 20, .categoryLossRate: 15, .noHeadAppearance: 15, .mediationFailed: 10,
        .priorReconsiderationCorrection: 10, .relatedOpinion: 15, .timeOpen: 10, .multiplePlaintiffs: 5,
    ]

    public init(
        weights: [CaseRiskFactor: Double] = CaseRiskRules.defaultWeights, redThreshold: Double = 50,
        yellowThreshold: Double = 35, historyMonths: Int32 = 12, smoothingCases: Double = 10,
        fullPointsLossRate: Double = 0.20, priorLossRate: Double = 0.08, minimumConclusionTimes: Int = 20,
        defaultConclusionDays: Int64 = 180, correctionLookbackDays: Int64 = 365, fullPointsPlaintiffs: Int32 = 5
    ) {
        precondition(yellowThreshold <= redThreshold, "yellow below red")
        self.weights = weights
        self.redThreshold = redThreshold
        self.yellowThreshold = yellowThreshold
        self.historyMonths = historyMonths
        self.smoothingCases = smoothingCases
        self.fullPointsLossRate = fullPointsLossRate
        self.priorLossRate = priorLossRate
        self.minimumConclusionTimes = minimumConclusionTimes
        self.defaultConclusionDays = defaultConclusionDays
        self.correctionLookbackDays = correctionLookbackDays
        self.fullPointsPlaintiffs = fullPointsPlaintiffs
    }

    /// A factor's weight; 0 for a factor the configuration leaves out.
    public func weight(_ factor: CaseRiskFactor) -> Double { max(weights[factor] ?? 0, 0) }

    /// Scores are kept in tenths of a point, so the thresholds compare as integers.
    var redTenths: Int64 { Int64((redThreshold * 10).rounded()) }
    var yellowTenths: Int64 { Int64((yellowThreshold * 10).rounded()) }

    /// The level of a score in tenths.
    public func level(scoreTenths: Int64) -> CaseRisk.Level {
        scoreTenths >= redTenths ? .red : scoreTenths >= yellowTenths ? .yellow : .green
    }
}
