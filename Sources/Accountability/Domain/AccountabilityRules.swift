/// What accountability does on its own, from the `accountability` section of the rules file
/// (`--config`); every value has a default, so an absent section means the defaults.
public struct AccountabilityRules: Equatable, Sendable {
    public var referrals = ReferralRules()
    public var repeatedLoss = RepeatedLossRule()
    public var escalations = EscalationConveners()
    public var supervision = SupervisionDefaults()

    public init() {}
}
