import ArgumentParser
import GRPC
import Messages
import SJCtlKit
import Stubs

/// The city report. A placeholder: the engineer building `CityReport` replaces this one file (and
/// adds siblings in Sources/sjctl/Report/), using SJCtlKit's ConnectionOptions, Session,
/// ErrorReport, TextTable, Show and ProtoJSON.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The city report for a period (not built yet).",
        discussion: """
            Example:
              sjctl report --period 2023
            """)

    @OptionGroup(title: "Server and output") var options: ConnectionOptions

    func run() async throws {
        ErrorReport.writeStandardError("sjctl report is not built yet\n")
        throw ExitCode(1)
    }
}
