/// Every indicator of one scope for one period, as GetIndicators returns them
/// (assessment.v1.Indicators).
public struct Figures: Sendable, Hashable {
    /// 败诉率, in the service's default formula unless the report asked for another.
    public var lossRate: RateFigure
    /// 发案量: first-instance litigation cases filed in the period.
    public var caseVolume: Int64
    /// 复议收案量: reconsideration cases filed in the period.
    public var reconsiderationVolume: Int64
    /// 直接纠错率 (reconsideration).
    public var correctionRate: RateFigure
    /// 综合纠错率 (reconsideration, counting self-correction then withdrawal).
    public var comprehensiveCorrectionRate: RateFigure
    /// 负责人出庭率.
    public var appearanceRate: RateFigure
    /// 出声率.
    public var speakRate: RateFigure
    /// 调撤率.
    public var mediationWithdrawalRate: RateFigure
    /// 上诉率.
    public var appealRate: RateFigure
    /// 改变行为后撤诉, reported apart because it hides losses.
    public var withdrawnAfterChange: Int64
    /// Concluded cases whose effective outcome changed after they concluded (the period's
    /// figures were revised by a higher instance).
    public var revised: Int64

    public init(
        lossRate: RateFigure = RateFigure(0, 0), caseVolume: Int64 = 0, reconsiderationVolume: Int64 = 0,
        correctionRate: RateFigure = RateFigure(0, 0), comprehensiveCorrectionRate: RateFigure = RateFigure(0, 0),
        appearanceRate: RateFigure = RateFigure(0, 0), speakRate: RateFigure = RateFigure(0, 0),
        mediationWithdrawalRate: RateFigure = RateFigure(0, 0), appealRate: RateFigure = RateFigure(0, 0),
        withdrawnAfterChange: Int64 = 0, revised: Int64 = 0
    ) {
        self.lossRate = lossRate
        self.caseVolume = caseVolume
        self.reconsiderationVolume = reconsiderationVolume
        self.correctionRate = correctionRate
        self.comprehensiveCorrectionRate = comprehensiveCorrectionRate
        self.appearanceRate = appearanceRate
        self.speakRate = speakRate
        self.mediationWithdrawalRate = mediationWithdrawalRate
        self.appealRate = appealRate
        self.withdrawnAfterChange = withdrawnAfterChange
        self.revised = revised
    }

    /// Whether anything at all was filed or concluded: units with nothing in either period are
    /// left out of the agency table.
    public var isEmpty: Bool {
        caseVolume == 0 && reconsiderationVolume == 0 && lossRate.denominator == 0 && correctionRate.denominator == 0
    }
}
