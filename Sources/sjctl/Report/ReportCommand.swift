import ArgumentParser
import SJCtlKit

/// `sjctl report`: the city report (the default), its casebook and the quarter's inspection list.
/// `sjctl report --period 2023` is `sjctl report city --period 2023`.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The city report for a period, its casebook (案例汇编) and the quarter's inspection list.",
        discussion: examples(
            "sjctl report --period 2023",
            "sjctl report --period 2023 --html report-2023.html",
            "sjctl report casebook --period 2023",
            "sjctl report inspections --quarter 2024Q1",
            notes: """
                Every figure is read from the services' own RPCs (docs/city-report.md says which); \
                the report writes nothing. `sjctl report --period …` is short for `sjctl report city --period …`.
                """),
        subcommands: [ReportCityCommand.self, ReportCasebookCommand.self, ReportInspectionsCommand.self],
        defaultSubcommand: ReportCityCommand.self)
}
