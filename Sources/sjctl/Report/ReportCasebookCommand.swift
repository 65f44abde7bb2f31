import ArgumentParser
import CityReport
import SJCtlKit

/// `sjctl report casebook`: the period's lost and corrected cases for 以案说法.
struct ReportCasebookCommand: AsyncParsableCommand, CallsRPCs {
    static let configuration = CommandConfiguration(
        commandName: "casebook",
        abstract: "The period's lost and corrected cases (案例汇编), by agency and category, with how each got there.",
        discussion: examples(
            "sjctl report casebook --period 2023",
            "sjctl report casebook --period 2023Q4 > casebook.txt",
            notes: """
                Lists the first-instance cases concluded in the period that were lost (litigation, as the
                loss rate counts them), corrected in reconsideration, corrected by the agency itself and
                then withdrawn, or withdrawn after the agency changed its act. Each case shows its docket
                number, outcome, and every event of it and of the appeal or retrial records that continue it.
                Periods: \(PeriodText.periodHelp).
                """))
    static let rpcs = ["IntakeService/ListRegions", "IntakeService/ListAgencies", "IntakeService/ListCases"]

    @Option(help: ArgumentHelp("The period, e.g. 2023, 2023Q1.", valueName: "period")) var period: String
    @OptionGroup var options: ConnectionOptions

    func validate() throws {
        try ReportSession.refuseJSON(options)
    }

    func run() async throws {
        try await ReportSession.run(options) { report in
            let casebook = try await report.gatherer.casebook(for: try report.period(period, option: "--period"))
            StandardStreams.output(TextRenderer(timeZone: report.session.zone).render(casebook))
        }
    }
}
