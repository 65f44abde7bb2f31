import ArgumentParser
import CityReport
import SJCtlKit

/// `sjctl report city`: the report as text on standard output, and with `--html FILE` as one
/// self-contained page.
struct ReportCityCommand: AsyncParsableCommand, CallsRPCs {
    static let configuration = CommandConfiguration(
        commandName: "city",
        abstract:
            "The city report: indicators, double decline, rankings, warnings, escalations, accountability, opinions.",
        discussion: examples(
            "sjctl report --period 2023",
            "sjctl report city --period 2023Q2 --html report.html",
            notes: """
                Sections: 一 the city's indicators and double decline; 二 every region; 三 loss rate and case
                volume by region and quarter (charts in the HTML page, with the 10 % interview line); 四 every
                agency with cases; 五 rankings; 六 three-colour warnings; 七 quarters over the line and
                forecasts; 八 interviews and self-criticisms; 九 accountability statistics; 十 opinion
                response on-time rates. Rates are printed as 7/156 (4.49%), the exact pair first.
                The HTML page has no script and loads nothing: mail it or archive it as one file.
                Periods: \(PeriodText.periodHelp).
                """))
    static let rpcs = [
        "IntakeService/GetFeedHead", "IntakeService/ListRegions", "IntakeService/ListAgencies",
        "AssessmentService/GetIndicators", "AssessmentService/RankUnits", "AssessmentService/ListWarnings",
        "AssessmentService/ListAlerts", "AssessmentService/GetOpinionCompliance",
        "AccountabilityService/ListEscalations", "AccountabilityService/GetAccountabilityStats",
    ]

    @Option(help: ArgumentHelp("The report's period, e.g. 2023, 2023Q1, 2023-03.", valueName: "period"))
    var period: String
    @Option(
        help: ArgumentHelp(
            "Also write the report as one self-contained HTML page to this file (- for standard output, then no text).",
            valueName: "file"))
    var html: String?
    @OptionGroup var options: ConnectionOptions

    func validate() throws {
        try ReportSession.refuseJSON(options)
    }

    func run() async throws {
        try await ReportSession.run(options) { report in
            let period = try report.period(period, option: "--period")
            let gathered = try await report.gatherer.report(for: period)
            if let html {
                try report.write(HTMLRenderer(timeZone: report.session.zone).render(gathered), to: html)
                if html == "-" { return }
            }
            StandardStreams.output(TextRenderer(timeZone: report.session.zone).render(gathered))
        }
    }
}
