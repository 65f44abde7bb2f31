import ArgumentParser
import Messages
import SJCtlKit
import Stubs

/// `sjctl accountability escalations list|get|record-outcome`: 约谈 and 检讨, opened by
/// accountability itself when a region's quarterly loss rate crosses the line.
struct EscalationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escalations",
        abstract: "Escalations of regions over the loss-rate line: interviews (约谈) and self-criticisms (检讨).",
        discussion: examples("sjctl accountability escalations list --status pending"),
        subcommands: [List.self, Get.self, RecordOutcome.self],
        aliases: ["escalation"])

    struct List: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "List escalations, by quarter then region.",
            discussion: examples(
                "sjctl accountability escalations list --status pending",
                "sjctl accountability escalations list --within 2024"))
        static let rpcs = ["AccountabilityService/ListEscalations"]

        @OptionGroup var paging: PagingOptions
        @Option(help: "Only this region.") var region: String?
        @Option(help: "Only this kind.") var kind: CommonV1.EscalationKind?
        @Option(help: "Only this status.") var status: AccountabilityV1.EscalationStatus?
        @Option(help: ArgumentHelp("Only quarters within this period (e.g. 2024).", valueName: "period")) var within:
            String?
        @OptionGroup var options: ConnectionOptions

        func run() async throws {
            try await Session.run(options) { session in
                var request = AccountabilityV1.ListEscalationsRequest()
                request.pageSize = paging.pageSize
                request.regionId = region ?? ""
                request.kind = kind ?? .unspecified
                request.status = status ?? .unspecified
                if let within { request.within = try session.period(within, option: "--within") }
                let escalations = try await paging.collect(printer: session.printer) { token in
                    request.pageToken = token
                    let page = try await session.call(.accountability) {
                        try await $0.accountability.listEscalations(request, options: $1)
                    }
                    return (page.escalations, page.nextPageToken)
                }
                session.printer.list(escalations, table: Views.escalations)
            }
        }
    }

    struct Get: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "Show one escalation.", discussion: examples("sjctl accountability escalations get escalation-1"))
        static let rpcs = ["AccountabilityService/GetEscalation"]

        @Argument(help: "The escalation's id.") var id: String
        @OptionGroup var options: ConnectionOptions

        func run() async throws {
            try await Session.run(options) { session in
                session.printer.resource(try await Self.read(id, session: session))
            }
        }

        static func read(_ id: String, session: Session) async throws -> AccountabilityV1.Escalation {
            var request = AccountabilityV1.GetEscalationRequest()
            request.id = id
            return try await session.call(.accountability) {
                try await $0.accountability.getEscalation(request, options: $1)
            }
        }
    }

    struct RecordOutcome: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            commandName: "record-outcome",
            abstract: "Record that an escalation was held (completed) or called off (cancelled).",
            discussion: examples(
                "sjctl accountability escalations record-outcome escalation-1 --status completed --held-on 2024-04-20 --conducted-by '分管副市长 李四' --summary '约谈宿城区政府…' --by '市司法局 张三'",
                "sjctl accountability escalations record-outcome escalation-1 --status cancelled --summary '二审改判，季度败诉率回落' --by '市司法局 张三'",
                notes: "Without --expected-version sjctl reads the escalation's current version first."))
        static let rpcs = ["AccountabilityService/RecordEscalationOutcome"]

        @OptionGroup var requestID: RequestIDOption
        @OptionGroup var actor: ActorOption
        @Argument(help: "The escalation's id.") var id: String
        @Option(help: "completed or cancelled.") var status: AccountabilityV1.EscalationStatus
        @Option(name: .customLong("held-on"), help: "For completed: the date it was held.") var heldOn: DateArgument?
        @Option(name: .customLong("conducted-by"), help: "For completed: who conducted it.") var conductedBy: String?
        @Option(help: "What was said and required, or why it was called off.") var summary: String
        @Option(name: .customLong("expected-version"), help: "The version you saw (default: the current one).")
        var expectedVersion: Int64?
        @OptionGroup var options: ConnectionOptions

        func run() async throws {
            try await Session.run(options) { session in
                var request = AccountabilityV1.RecordEscalationOutcomeRequest()
                request.escalationId = id
                request.requestId = requestID.resolved
                request.status = status
                request.heldOn = heldOn?.proto
                request.conductedBy = conductedBy ?? ""
                request.summary = summary
                request.recordedBy = actor.by
                if let expectedVersion {
                    request.expectedVersion = expectedVersion
                } else {
                    request.expectedVersion = try await Get.read(id, session: session).version
                }
                let escalation = try await session.create(.accountability, requestID: request.requestId) {
                    try await $0.accountability.recordEscalationOutcome(request, options: $1)
                }
                session.printer.resource(escalation)
            }
        }
    }
}
