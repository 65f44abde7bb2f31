/// One agency's quarter as the inspection rule reads it (from GetIndicators, concluded formula).
public struct InspectionCandidate: Sendable, Hashable {
    public var agencyId: String
    public var agencyName: String
    public var regionName: String
    /// First-instance litigation cases filed in the quarter.
    public var litigationFiled: Int64
    /// Reconsideration cases filed in the quarter.
    public var reconsiderationFiled: Int64
    /// First-instance losses ÷ first-instance cases concluded.
    public var lossRate: RateFigure
    /// Reconsideration corrections ÷ reconsideration cases concluded.
    public var correctionRate: RateFigure

    public init(
        agencyId: String, agencyName: String, regionName: String, litigationFiled: Int64, reconsiderationFiled: Int64,
        lossRate: RateFigure, correctionRate: RateFigure
    ) {
        self.agencyId = agencyId
        self.agencyName = agencyName
        self.regionName = regionName
        self.litigationFiled = litigationFiled
        self.reconsiderationFiled = reconsiderationFiled
        self.lossRate = lossRate
        self.correctionRate = correctionRate
    }

    /// Cases filed: the incidence the rule ranks.
    public var filed: Int64 { litigationFiled + reconsiderationFiled }

    /// Lost or corrected ÷ concluded, litigation and reconsideration together.
    public var combinedRate: RateFigure {
        RateFigure(
            lossRate.numerator + correctionRate.numerator, lossRate.denominator + correctionRate.denominator,
            formula: "inspection.corrected_over_concluded")
    }
}
