public import ServiceKit

extension IntakeService {
    /// Intake as the server runs it: `intake.sqlite`, its schema, its handlers. It follows no one.
    public static let definition = ServiceDefinition(
        name: "intake",
        summary: "regions, agencies, cases and their events, opinion incidents, the change feed",
        migrations: IntakeSchema.migrations
    ) { environment in
        ServiceParts(services: [
            IntakeService(database: environment.database, clock: environment.clock, timeZone: environment.timeZone)
        ])
    }
}
