public import ServiceKit

extension AssessmentService {
    /// Assessment as the server runs it: `assessment.sqlite`, following intake (in this process or
    /// at its configured address), judging on a timer while caught up.
    public static func definition(rules: AssessmentRules = AssessmentRules()) -> ServiceDefinition {
        definition(rules: Reloadable(rules))
    }

    /// - Parameter rules: replaced by the server when the rules file is reloaded (SIGHUP).
    public static func definition(rules: Reloadable<AssessmentRules>) -> ServiceDefinition {
        ServiceDefinition(
            name: "assessment",
            summary: "indicators, double decline, rankings, warnings and alerts, from intake's feed",
            migrations: AssessmentSchema.migrations, upstreams: ["intake"]
        ) { environment in
            let following = IntakeFollowing()
            let service = AssessmentService(
                database: environment.database, rules: rules, clock: environment.clock, timeZone: environment.timeZone,
                progress: { following.progress })
            return ServiceParts(
                services: [service],
                tasks: [
                    IntakeFollowerTask(environment: environment, service: service, following: following),
                    JudgingTimerTask(service: service, following: following, logger: environment.logger),
                ])
        }
    }
}
