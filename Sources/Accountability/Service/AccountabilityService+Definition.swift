public import ServiceKit

extension AccountabilityService {
    /// Accountability as the server runs it: `accountability.sqlite`, following assessment's
    /// alerts (in this process or at its configured address), asking intake about what requests
    /// name, and the supervision timer.
    public static func definition(rules: AccountabilityRules = AccountabilityRules()) -> ServiceDefinition {
        definition(rules: Reloadable(rules))
    }

    /// - Parameter rules: replaced by the server when the rules file is reloaded (SIGHUP).
    public static func definition(rules: Reloadable<AccountabilityRules>) -> ServiceDefinition {
        ServiceDefinition(
            name: "accountability",
            summary:
                "referrals, monthly batches, escalations, supervised cases and statistics, from assessment's alerts",
            migrations: AccountabilitySchema.migrations, upstreams: ["assessment", "intake"]
        ) { environment in
            let service = AccountabilityService(
                database: environment.database, rules: rules, clock: environment.clock, timeZone: environment.timeZone,
                intake: IntakeClientDirectory(channel: { try environment.channel(to: "intake") }))
            return ServiceParts(
                services: [service],
                tasks: [
                    AlertFollowerTask(environment: environment, service: service, following: AlertFollowing()),
                    SupervisionTimerTask(service: service, logger: environment.logger),
                ])
        }
    }
}
