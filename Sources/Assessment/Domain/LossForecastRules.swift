/// How quarterly loss rates are projected (configuration); the line they are compared with is the
/// escalation threshold.
public struct LossForecastRules: Equatable, Sendable {
    /// The interval's half-width in standard deviations: 1.2816 for about 80 %.
    public var intervalZ: Double
    /// A region expected to conclude fewer cases than this in a quarter is not warned about:
    /// its projected rate rests on too few cases to act on.
    public var minimumExpectedConclusions: Double
    /// Score points per calibration band.
    public var calibrationBandWidth: Double
    /// Pseudo-cases at the overall rate added to each calibration band.
    public var calibrationSmoothing: Double
    /// Whether cases not yet filed (at the region's filing rate over the history window) count
    /// toward the projection: most matter for the next quarter.
    public var includeNewFilings: Bool

    public init(
        intervalZ: Double = 1.2816, minimumExpectedConclusions: Double = 5, calibrationBandWidth: Double = 10,
        calibrationSmoothing: Double = 5, includeNewFilings: Bool = true
    ) {
        self.intervalZ = intervalZ
        self.minimumExpectedConclusions = minimumExpectedConclusions
        self.calibrationBandWidth = calibrationBandWidth
        self.calibrationSmoothing = calibrationSmoothing
        self.includeNewFilings = includeNewFilings
    }
}
