import ArgumentParser
import Messages
import SJCtlKit
import Stubs

/// `sjctl accountability …`: referrals, monthly batches, escalations, supervisions, statistics.
struct AccountabilityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accountability",
        abstract: "Referrals, monthly batches, escalations, supervised cases and statistics (追责问责).",
        discussion: examples(
            "sjctl accountability referrals list --step referred",
            "sjctl accountability escalations list --status pending",
            "sjctl accountability stats --period 2022-01-01.."),
        subcommands: [
            ReferralsCommand.self, BatchesCommand.self, EscalationsCommand.self, SupervisionsCommand.self,
            StatsCommand.self,
        ])
}

/// `--by`: who does it, recorded with the step (performed_by, recorded_by, …).
struct ActorOption: ParsableArguments {
    @Option(help: ArgumentHelp("Who does it, e.g. '市司法局 张三' (recorded with it).", valueName: "name"))
    var by: String
}

struct StatsCommand: AsyncParsableCommand, CallsRPCs {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Accountability statistics for a period and region: clues, cases held accountable, persons handled.",
        discussion: examples(
            "sjctl accountability stats --period 2022-01-01..",
            "sjctl accountability stats --period 2024Q1 --region region-2"))
    static let rpcs = ["AccountabilityService/GetAccountabilityStats"]

    @Option(help: ArgumentHelp("The period, e.g. 2024 or 2022-01-01.. (since 2022).", valueName: "period"))
    var period: String
    @Option(help: "One region (default: the whole city).") var region: String?
    @OptionGroup var options: ConnectionOptions

    func run() async throws {
        try await Session.run(options) { session in
            var request = AccountabilityV1.GetAccountabilityStatsRequest()
            request.period = try session.period(period, option: "--period")
            request.regionId = region ?? ""
            let stats = try await session.call(.accountability) {
                try await $0.accountability.getAccountabilityStats(request, options: $1)
            }
            session.printer.resource(stats) { Views.stats($0) }
        }
    }
}

struct BatchesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batches",
        abstract: "Monthly batches of clues for the discipline commission (每月汇总移送纪委监委).",
        discussion: examples("sjctl accountability batches compile --month 2024-03 --by '市司法局 张三'"),
        subcommands: [Compile.self],
        aliases: ["batch"])

    struct Compile: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "Compile a month's clues into its batch (a month already compiled returns its batch as it was).",
            discussion: examples("sjctl accountability batches compile --month 2024-03 --by '市司法局 张三'"))
        static let rpcs = ["AccountabilityService/CompileMonthlyBatch"]

        @OptionGroup var requestID: RequestIDOption
        @OptionGroup var actor: ActorOption
        @Option(help: ArgumentHelp("The month, which must have ended, e.g. 2024-03.", valueName: "month")) var month:
            String
        @OptionGroup var options: ConnectionOptions

        func run() async throws {
            try await Session.run(options) { session in
                var request = AccountabilityV1.CompileMonthlyBatchRequest()
                request.requestId = requestID.resolved
                request.month = try session.month(month, option: "--month")
                request.compiledBy = actor.by
                let batch = try await session.create(.accountability, requestID: request.requestId) {
                    try await $0.accountability.compileMonthlyBatch(request, options: $1)
                }
                session.printer.resource(batch) { batch in
                    "batch \(batch.number) (\(batch.id)) for \(Show.period(batch.month)), compiled by \(batch.compiledBy) "
                        + "\(Show.time(batch.compiledAt, zone: session.zone)): \(batch.referrals.count) referrals\n\n"
                        + (batch.referrals.isEmpty
                            ? "(none)" : Views.referrals(batch.referrals, zone: session.zone).render())
                }
            }
        }
    }
}
