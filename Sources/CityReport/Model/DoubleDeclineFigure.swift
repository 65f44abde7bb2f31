/// The double-decline verdict (双下降) of one scope: case volume and loss rate both lower than
/// the same period a year earlier.
public struct DoubleDeclineFigure: Sendable, Hashable {
    public enum Verdict: Sendable, Hashable {
        /// 实现双下降.
        case achieved
        /// At least one of the two did not fall.
        case notAchieved
        /// A loss rate is undefined in either period.
        case undetermined
    }

    public var verdict: Verdict
    public var volumeDeclined: Bool
    public var lossRateDeclined: Bool
    /// The service's sentence, e.g. "发案量 120→98，败诉率 7.5%→4.5%，实现双下降".
    public var explanation: String

    public init(
        verdict: Verdict, volumeDeclined: Bool = false, lossRateDeclined: Bool = false, explanation: String = ""
    ) {
        self.verdict = verdict
        self.volumeDeclined = volumeDeclined
        self.lossRateDeclined = lossRateDeclined
        self.explanation = explanation
    }
}
