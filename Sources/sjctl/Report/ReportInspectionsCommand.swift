import ArgumentParser
import CityReport
import SJCtlKit
import SharedDomain

/// `sjctl report inspections`: the quarter's special-inspection list (对策建议三).
struct ReportInspectionsCommand: AsyncParsableCommand, CallsRPCs {
    static let configuration = CommandConfiguration(
        commandName: "inspections",
        abstract: "The quarter's special-inspection list: agencies with high case incidence or correction rates.",
        discussion: examples(
            "sjctl report inspections --quarter 2024Q1",
            "sjctl report inspections --quarter 2024Q1 --top-share 20% --margin 3% --min-concluded 5",
            notes: """
                An agency is listed when either holds (the rule is printed with the list):
                  high incidence: its cases filed in the quarter (first-instance litigation + reconsideration)
                    are among the top --top-share of the city's agencies (ties included), and at least --min-cases;
                  high correction: (losses + reconsideration corrections) ÷ (cases concluded, both kinds) is more
                    than --margin above the city's same rate, compared exactly, with at least --min-concluded.
                Shares and margins are written 10%, 0.1 or 1/10.
                """))
    static let rpcs = [
        "IntakeService/GetFeedHead", "IntakeService/ListRegions", "IntakeService/ListAgencies",
        "AssessmentService/GetIndicators",
    ]

    @Option(help: ArgumentHelp("The quarter, e.g. 2024Q1.", valueName: "quarter")) var quarter: String
    @Option(
        name: .customLong("top-share"),
        help: ArgumentHelp(
            "The share of agencies the incidence rule lists, 10% being the top decile.", valueName: "share"))
    var topShare: String = "10%"
    @Option(
        name: .customLong("min-cases"),
        help: ArgumentHelp("The fewest cases filed for the incidence rule.", valueName: "n"))
    var minimumCases: Int64 = 3
    @Option(
        help: ArgumentHelp(
            "How far above the city's rate the correction rule starts, in points (5% is 5 points).", valueName: "points"
        ))
    var margin: String = "5%"
    @Option(
        name: .customLong("min-concluded"),
        help: ArgumentHelp("The fewest cases concluded for the correction rule.", valueName: "n"))
    var minimumConcluded: Int64 = 3
    @OptionGroup var options: ConnectionOptions

    func validate() throws {
        try ReportSession.refuseJSON(options)
        _ = try rule()
    }

    func rule() throws -> InspectionRule {
        guard let share = Fraction(parsing: topShare), share.numerator > 0, share <= Fraction(1, 1)! else {
            throw ValidationError(
                "--top-share: \"\(topShare)\" is not a share above 0 and at most 100% (e.g. 10%, 0.1, 1/10)")
        }
        guard let points = Fraction(parsing: margin), points <= Fraction(1, 1)! else {
            throw ValidationError("--margin: \"\(margin)\" is not a number of points from 0 to 100% (e.g. 5%, 0.05)")
        }
        guard minimumCases >= 0 else { throw ValidationError("--min-cases must be 0 or more") }
        guard minimumConcluded >= 1 else { throw ValidationError("--min-concluded must be 1 or more") }
        return InspectionRule(
            volumeShare: share, minimumVolume: minimumCases, correctionMargin: points,
            minimumConcluded: minimumConcluded)
    }

    func run() async throws {
        let rule = try rule()
        try await ReportSession.run(options) { report in
            let period = try report.period(quarter, option: "--quarter")
            guard case .quarter = period else {
                throw ValidationError("--quarter: \"\(quarter)\" is not a quarter; write it as 2024Q1")
            }
            let list = try await report.gatherer.inspections(for: period, rule: rule)
            StandardStreams.output(TextRenderer(timeZone: report.session.zone).render(list))
        }
    }
}
