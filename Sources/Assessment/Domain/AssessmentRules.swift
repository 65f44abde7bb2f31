/// Everything configurable about how assessment judges (the `--config` file's contents).
public struct AssessmentRules: Equatable, Sendable {
    /// The loss-rate formula answers use when a request does not choose one, and the one
    /// quarterly crossings are judged on.
    public var lossRateFormula: LossRateFormula
    public var warnings: WarningRules
    public var escalation: EscalationRules
    /// How long intake's feed must have been quiet before closed quarters that were never judged
    /// live (history loaded after the fact) are judged: a burst of history is judged once it is in.
    public var settleSeconds: Int64
    public var risk: CaseRiskRules
    public var forecast: LossForecastRules

    public init(
        lossRateFormula: LossRateFormula = .concluded, warnings: WarningRules = WarningRules(),
        escalation: EscalationRules = EscalationRules(), settleSeconds: Int64 = 60,
        risk: CaseRiskRules = CaseRiskRules(),
        forecast: LossForecastRules = LossForecastRules()
    ) {
        self.lossRateFormula = lossRateFormula
        self.warnings = warnings
        self.escalation = escalation
        self.settleSeconds = settleSeconds
        self.risk = risk
        self.forecast = forecast
    }
}
