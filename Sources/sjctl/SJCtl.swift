import ArgumentParser
import GRPC
import Messages
import SJCtlKit
import Stubs

/// The root of the command tree: one group per service, plus the cross-cutting `import`, `watch`
/// and `report`.
struct SJCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sjctl",
        abstract: "Shuangjiang (双降) from the command line: every call of intake, assessment and accountability.",
        discussion: examples(
            "sjctl intake regions list", "sjctl assessment indicators --scope city --period 2023Q1",
            "sjctl watch alerts --from 1",
            notes: """
                Start the services with `make run` (all three on 127.0.0.1:50051). Every command takes
                --server HOST:PORT (env SJ_SERVER), --json and --timeout SECONDS; see docs/sjctl.md.
                Exit codes: 0 done, 1 the server refused, 2 usage, 3 cannot connect.
                """),
        subcommands: [
            IntakeCommand.self, AssessmentCommand.self, AccountabilityCommand.self, ImportCommand.self,
            WatchCommand.self,
            ReportCommand.self, RPCMapCommand.self,
        ])
}
