import ArgumentParser
import Messages
import SJCtlKit
import SharedDomain
import Stubs

/// `sjctl assessment …`: indicators, rankings, warnings, case risk, opinion compliance, alerts.
struct AssessmentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assessment",
        abstract: "Indicators, double decline, rankings, warnings, case risk and alerts (评估).",
        discussion: examples(
            "sjctl assessment indicators --scope city --period 2023",
            "sjctl assessment rank --unit region --indicator loss-rate --period 2023",
            "sjctl assessment warnings --period 2024Q1 --level red"),
        subcommands: [
            IndicatorsCommand.self, RankCommand.self, WarningsCommand.self, AssessCaseCommand.self,
            HighRiskCommand.self, OpinionComplianceCommand.self, AlertsCommand.self,
        ])
}

/// How fresh assessment's answer must be: it follows intake's feed, so a write made a moment ago
/// may not be counted yet.
struct Freshness: ParsableArguments {
    @Option(
        name: .customLong("min-intake-sequence"),
        help: "Answer only once assessment has applied intake's feed up to this sequence (waits up to --timeout).")
    var minIntakeSequence: Int64?

    @Flag(help: "Include every intake change made so far (reads intake's feed head first, then waits for it).")
    var fresh = false

    func sequence(_ session: Session) async throws -> Int64 {
        if let minIntakeSequence { return minIntakeSequence }
        return fresh ? try await Lookups.intakeHead(session: session) : 0
    }
}

struct IndicatorsCommand: AsyncParsableCommand, CallsRPCs {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "Every indicator for a scope and period, a year earlier, and the double-decline verdict (双下降).",
        discussion: examples(
            "sjctl assessment indicators --scope city --period 2023",
            "sjctl assessment indicators --scope region:region-2 --period 2023Q1 --formula merits",
            notes: "Periods: \(PeriodText.periodHelp). Scopes: \(PeriodText.scopeHelp)."))
    static let rpcs = ["AssessmentService/GetIndicators"]

    @OptionGroup var freshness: Freshness
    @Option(help: ArgumentHelp("city, region:ID or agency:ID.", valueName: "scope")) var scope: String = "city"
    @Option(help: ArgumentHelp("The period, e.g. 2023, 2023Q1, 2023-03.", valueName: "period")) var period: String
    @Option(help: "Loss-rate formula (default: the configured one, normally concluded).")
    var formula: AssessmentV1.LossRateFormula?
    @OptionGroup var options: ConnectionOptions

    func run() async throws {
        try await Session.run(options) { session in
            var request = AssessmentV1.GetIndicatorsRequest()
            request.scope = try session.scope(scope, option: "--scope")
            request.period = try session.period(period, option: "--period")
            request.lossRateFormula = formula ?? .unspecified
            request.minIntakeSequence = try await freshness.sequence(session)
            let response = try await session.call(.assessment) {
                try await $0.assessment.getIndicators(request, options: $1)
            }
            session.printer.resource(response) { Views.indicators($0, zone: session.zone) }
        }
    }
}

struct RankCommand: AsyncParsableCommand, CallsRPCs {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Rank every region or agency on one indicator for a period (考核排名).",
        discussion: examples(
            "sjctl assessment rank --unit region --indicator loss-rate --period 2023",
            "sjctl assessment rank --unit agency --region region-2 --indicator appearance-rate --period 2024Q1 --min-denominator 5",
            notes: "Ties share a rank (1, 2, 2, 4); units with too little data are listed last, unranked (—)."))
    static let rpcs = ["AssessmentService/RankUnits"]

    @OptionGroup var freshness: Freshness
    @Option(help: "Rank regions or agencies.") var unit: CommonV1.UnitKind
    @Option(help: "The indicator.") var indicator: AssessmentV1.Indicator = .lossRate
    @Option(help: ArgumentHelp("The period.", valueName: "period")) var period: String
    @Option(help: "Order (default: best first for the indicator).") var order: CommonV1.SortOrder?
    @Option(help: "Loss-rate formula, for loss-rate.") var formula: AssessmentV1.LossRateFormula?
    @Option(help: "For agencies: only those of this region.") var region: String?
    @Option(name: .customLong("min-denominator"), help: "Rates over fewer cases than this are listed unranked.")
    var minDenominator: Int64 = 0
    @OptionGroup var options: ConnectionOptions

    func run() async throws {
        try await Session.run(options) { session in
            var request = AssessmentV1.RankUnitsRequest()
            request.unitKind = unit
            request.indicator = indicator
            request.period = try session.period(period, option: "--period")
            request.order = order ?? .unspecified
            request.lossRateFormula = formula ?? .unspecified
            request.regionId = region ?? ""
            request.minDenominator = minDenominator
            request.minIntakeSequence = try await freshness.sequence(session)
            let response = try await session.call(.assessment) {
                try await $0.assessment.rankUnits(request, options: $1)
            }
            if session.options.json {
                session.printer.resource(response)
            } else {
                session.printer.line(
                    "\(response.indicator.label), \(Show.period(response.period)), \(response.order.shortName)")
                session.printer.line(Views.ranking(response.entries).render())
            }
        }
    }
}

struct WarningsCommand: AsyncParsableCommand, CallsRPCs {
    static let configuration = CommandConfiguration(
        commandName: "warnings",
        abstract: "Three-colour warnings (三色预警) for regions and agencies, with the rule behind each.",
        discussion: examples(
            "sjctl assessment warnings --period 2024Q1",
            "sjctl assessment warnings --period 2024Q1 --level red --unit-kind region"))
    static let rpcs = ["AssessmentService/ListWarnings"]

    @OptionGroup var paging: PagingOptions
    @OptionGroup var freshness: Freshness
    @Option(
        help: ArgumentHelp("A month, quarter or year (warnings are normally read per quarter).", valueName: "period"))
    var period: String
    @Option(name: .customLong("unit-kind"), help: "Only regions or only agencies.") var unitKind: CommonV1.UnitKind?
    @Option(help: "Only this level.") var level: CommonV1.WarningLevel?
    @Option(help: "Only this region and its agencies.") var region: String?
    @OptionGroup var options: ConnectionOptions

    func run() async throws {
        try await Session.run(options) { session in
            var request = AssessmentV1.ListWarningsRequest()
            request.pageSize = paging.pageSize
            request.period = try session.period(period, option: "--period")
            request.unitKind = unitKind ?? .unspecified
            request.level = level ?? .unspecified
            request.regionId = region ?? ""
            request.minIntakeSequence = try await freshness.sequence(session)
            let warnings = try await paging.collect(printer: session.printer) { token in
                request.pageToken = token
                let page = try await session.call(.assessment) {
                    try await $0.assessment.listWarnings(request, options: $1)
                }
                return (page.warnings, page.nextPageToken)
            }
            session.printer.list(warnings, table: Views.warnings)
        }
    }
}

struct AssessCaseCommand: AsyncParsableCommand, CallsRPCs {
    static let configuration = CommandConfiguration(
        commandName: "assess-case",
        abstract: "Score one open case's risk of a loss, with every contributing factor (案件风险评估).",
        discussion: examples("sjctl assessment assess-case case-12"))
    static let rpcs = ["AssessmentService/AssessCase"]

    @Argument(help: "The case's id.") var caseID: String
    @OptionGroup var options: ConnectionOptions

    func run() async throws {
        try await Session.run(options) { session in
            var request = AssessmentV1.AssessCaseRequest()
            request.caseId = caseID
            let assessment = try await session.call(.assessment) {
                try await $0.assessment.assessCase(request, options: $1)
            }
            session.printer.resource(assessment) { Views.caseAssessment($0, zone: session.zone) }
        }
    }
}

struct HighRiskCommand: AsyncParsableCommand, CallsRPCs {
    static let configuration = CommandConfiguration(
        commandName: "high-risk",
        abstract: "The monthly high-risk screening (每月高风险案件排查): open red and yellow cases.",
        discussion: examples("sjctl assessment high-risk", "sjctl assessment high-risk --month 2024-03 --level red"))
    static let rpcs = ["AssessmentService/ListHighRiskCases"]

    @OptionGroup var paging: PagingOptions
    @Option(
        help: ArgumentHelp("The month screened, e.g. 2024-03 (default: this month, screened live).", valueName: "month")
    )
    var month: String?
    @Option(help: "Only cases counted under this region.") var region: String?
    @Option(help: "Only cases against this agency.") var agency: String?
    @Option(help: "Only red or only yellow.") var level: CommonV1.RiskLevel?
    @OptionGroup var options: ConnectionOptions

    func run() async throws {
        try await Session.run(options) { session in
            var request = AssessmentV1.ListHighRiskCasesRequest()
            request.pageSize = paging.pageSize
            let today = session.today
            request.month = try session.month(month ?? "\(today.year)-\(today.month)", option: "--month")
            request.regionId = region ?? ""
            request.defendantAgencyId = agency ?? ""
            request.level = level ?? .unspecified
            var last = AssessmentV1.ListHighRiskCasesResponse()
            let cases = try await paging.collect(printer: session.printer) { token in
                request.pageToken = token
                last = try await session.call(.assessment) {
                    try await $0.assessment.listHighRiskCases(request, options: $1)
                }
                return (last.cases, last.nextPageToken)
            }
            if !session.options.json {
                session.printer.line(
                    "\(Show.period(last.month)): \(last.redCount) red, \(last.yellowCount) yellow (screened \(Show.time(last.screenedAt, zone: session.zone)))"
                )
            }
            session.printer.list(cases, table: Views.highRisk)
        }
    }
}

struct OpinionComplianceCommand: AsyncParsableCommand, CallsRPCs {
    static let configuration = CommandConfiguration(
        commandName: "opinion-compliance",
        abstract: "On-time rates per department for each opinion-incident deadline (舆情处置时效).",
        discussion: examples(
            "sjctl assessment opinion-compliance --period 2024Q1",
            "sjctl assessment opinion-compliance --period 2024 --region region-2"))
    static let rpcs = ["AssessmentService/GetOpinionCompliance"]

    @Option(help: ArgumentHelp("The period.", valueName: "period")) var period: String
    @Option(help: "Only incidents in this region.") var region: String?
    @Option(help: "Only this department (an agency id).") var department: String?
    @OptionGroup var options: ConnectionOptions

    func run() async throws {
        try await Session.run(options) { session in
            var request = AssessmentV1.GetOpinionComplianceRequest()
            request.period = try session.period(period, option: "--period")
            request.regionId = region ?? ""
            request.departmentAgencyId = department ?? ""
            let response = try await session.call(.assessment) {
                try await $0.assessment.getOpinionCompliance(request, options: $1)
            }
            session.printer.resource(response) { Views.compliance($0) }
        }
    }
}

struct AlertsCommand: AsyncParsableCommand, CallsRPCs {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "List past alerts, newest first (告警). `sjctl watch alerts` follows them live.",
        discussion: examples(
            "sjctl assessment alerts", "sjctl assessment alerts --kind case-lost --region region-2 --about 2024"))
    static let rpcs = ["AssessmentService/ListAlerts"]

    @OptionGroup var paging: PagingOptions
    @Option(help: "Only this kind.") var kind: AssessmentV1.AlertKind?
    @Option(name: .customLong("created-in"), help: ArgumentHelp("Raised within this period.", valueName: "period"))
    var createdIn: String?
    @Option(help: "Only alerts about this region or something in it.") var region: String?
    @Option(help: ArgumentHelp("Only alerts about a period within this one (e.g. 2024).", valueName: "period"))
    var about: String?
    @OptionGroup var options: ConnectionOptions

    func run() async throws {
        try await Session.run(options) { session in
            var request = AssessmentV1.ListAlertsRequest()
            request.pageSize = paging.pageSize
            request.kind = kind ?? .unspecified
            if let createdIn { request.createdIn = try session.period(createdIn, option: "--created-in") }
            request.regionId = region ?? ""
            if let about { request.about = try session.period(about, option: "--about") }
            let alerts = try await paging.collect(printer: session.printer) { token in
                request.pageToken = token
                let page = try await session.call(.assessment) {
                    try await $0.assessment.listAlerts(request, options: $1)
                }
                return (page.alerts, page.nextPageToken)
            }
            session.printer.list(alerts) { Views.alerts($0, zone: session.zone) }
        }
    }
}
