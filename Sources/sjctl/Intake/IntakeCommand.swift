import ArgumentParser
import GRPC
import Messages
import SJCtlKit
import Stubs

/// `sjctl intake …`: the system of record (收案): regions, agencies, cases, opinion incidents.
struct IntakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "Regions, agencies, cases and opinion incidents (收案).",
        discussion: examples(
            "sjctl intake regions list", "sjctl intake cases list --region region-2 --filed-in 2024",
            "sjctl intake feed-head"),
        subcommands: [
            RegionsCommand.self, AgenciesCommand.self, CasesCommand.self, OpinionsCommand.self, FeedHeadCommand.self,
        ])
}

/// `sjctl intake feed-head`: how far intake's change feed has got.
struct FeedHeadCommand: AsyncParsableCommand, CallsRPCs {
    static let configuration = CommandConfiguration(
        commandName: "feed-head",
        abstract: "Show the newest change on intake's feed (its sequence and commit time).",
        discussion: examples(
            "sjctl intake feed-head",
            notes: "Pass the sequence to `sjctl assessment indicators --min-intake-sequence N` to read figures "
                + "that include every change up to it (or use --fresh there)."))
    static let rpcs = ["IntakeService/GetFeedHead"]

    @OptionGroup var options: ConnectionOptions

    func run() async throws {
        try await Session.run(options) { session in
            let head = try await session.call(.intake) {
                try await $0.intake.getFeedHead(IntakeV1.GetFeedHeadRequest(), options: $1)
            }
            session.printer.resource(head) { head in
                head.sequence == 0
                    ? "the feed is empty (sequence 0)"
                    : "sequence     \(head.sequence)\ncommitted at \(Show.time(head.committedAt, zone: session.zone))"
            }
        }
    }
}
