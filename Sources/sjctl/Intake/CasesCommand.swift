import ArgumentParser
import GRPC
import Messages
import SJCtlKit
import Stubs

/// `sjctl intake cases file|get|list|record-event|import`.
struct CasesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases",
        abstract: "Cases (行政诉讼 / 行政复议) and their life-cycle events.",
        discussion: examples(
            "sjctl intake cases list --state hearing-scheduled", "sjctl intake cases get case-12",
            notes: "To file many cases at once from a spreadsheet, see `sjctl import cases --help`."),
        subcommands: [File.self, Get.self, List.self, RecordEventCommand.self],
        aliases: ["case"])

    struct File: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "File a new case (立案登记).",
            discussion: examples(
                "sjctl intake cases file --docket '(2024)苏1302行初15号' --category penalty --agency agency-7 --filed-on 2024-03-05 --court 宿城区人民法院 --plaintiff-kind natural-person",
                notes: """
                    --region defaults to the agency's own region; --kind to litigation and --instance to first.
                    Category and the other choices also accept the Chinese terms (e.g. --category 行政处罚).
                    """))
        static let rpcs = ["IntakeService/FileCase"]

        @OptionGroup var requestID: RequestIDOption
        @Option(help: "Docket number (案号), e.g. (2024)苏03行初123号; for reconsideration the decision number.")
        var docket: String
        @Option(help: "Litigation or reconsideration.") var kind: IntakeV1.CaseKind = .litigation
        @Option(help: "The instance this record is.") var instance: IntakeV1.Instance = .first
        @Option(help: "Category of the act sued over (案由).") var category: IntakeV1.CaseCategory
        @Option(name: .customLong("category-detail"), help: "Finer category as the court wrote it, e.g. 工伤认定.")
        var categoryDetail: String?
        @Option(help: "The defendant agency's id (被告 / 被申请人).") var agency: String
        @Option(help: "The region the case counts under (default: the agency's region).") var region: String?
        @Option(name: .customLong("filed-on"), help: "Filing date (立案日期), e.g. 2024-03-05.")
        var filedOn: DateArgument
        @Option(help: "Court or reconsideration body, e.g. 宿迁市中级人民法院.") var court: String
        @Option(name: .customLong("court-code"), help: "Court code as in docket numbers, e.g. 苏13.") var courtCode:
            String?
        @Option(name: .customLong("plaintiff-kind"), help: "Who brought the case.") var plaintiffKind:
            IntakeV1.PlaintiffKind
        @Option(help: "Number of plaintiffs (left out: not known).") var plaintiffs: Int32?
        @Option(
            name: .customLong("related-case"), help: "For a second-instance or retrial record: the first-instance case."
        )
        var relatedCase: String?
        @OptionGroup var options: ConnectionOptions

        func run() async throws {
            try await Session.run(options) { session in
                var request = IntakeV1.FileCaseRequest()
                request.requestId = requestID.resolved
                request.kind = kind
                request.instance = instance
                request.docketNumber = docket
                request.category = category
                request.categoryDetail = categoryDetail ?? ""
                request.defendantAgencyId = agency
                if let region {
                    request.regionId = region
                } else {
                    request.regionId = try await Lookups.region(ofAgency: agency, session: session)
                }
                request.filedOn = filedOn.proto
                request.courtName = court
                request.courtCode = courtCode ?? ""
                request.plaintiffKind = plaintiffKind
                request.plaintiffCount = plaintiffs ?? 0
                request.relatedFirstInstanceCaseId = relatedCase ?? ""
                let filed = try await session.create(.intake, requestID: request.requestId) {
                    try await $0.intake.fileCase(request, options: $1)
                }
                session.printer.resource(filed)
            }
        }
    }

    struct Get: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "Show one case with all its events.", discussion: examples("sjctl intake cases get case-12"))
        static let rpcs = ["IntakeService/GetCase"]

        @Argument(help: "The case's id.") var id: String
        @OptionGroup var options: ConnectionOptions

        func run() async throws {
            try await Session.run(options) { session in
                session.printer.resource(try await Lookups.currentCase(id, session: session))
            }
        }
    }

    struct List: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "List cases, by filing date.",
            discussion: examples(
                "sjctl intake cases list --region region-2 --filed-in 2024Q1",
                "sjctl intake cases list --state concluded --concluded-in 2023 --all --json"))
        static let rpcs = ["IntakeService/ListCases"]

        @OptionGroup var paging: PagingOptions
        @Option(help: "Only cases counted under this region.") var region: String?
        @Option(help: "Only cases against this agency.") var agency: String?
        @Option(help: "Only this kind.") var kind: IntakeV1.CaseKind?
        @Option(help: "Only this instance.") var instance: IntakeV1.Instance?
        @Option(help: "Only cases in this state.") var state: IntakeV1.CaseState?
        @Option(name: .customLong("filed-in"), help: ArgumentHelp("Filed within this period.", valueName: "period"))
        var filedIn: String?
        @Option(
            name: .customLong("concluded-in"), help: ArgumentHelp("Concluded within this period.", valueName: "period"))
        var concludedIn: String?
        @Option(help: "Only the case with this exact docket number.") var docket: String?
        @OptionGroup var options: ConnectionOptions

        func run() async throws {
            try await Session.run(options) { session in
                var request = IntakeV1.ListCasesRequest()
                request.pageSize = paging.pageSize
                request.regionId = region ?? ""
                request.defendantAgencyId = agency ?? ""
                request.kind = kind ?? .unspecified
                request.instance = instance ?? .unspecified
                request.state = state ?? .unspecified
                if let filedIn { request.filedIn = try session.period(filedIn, option: "--filed-in") }
                if let concludedIn { request.concludedIn = try session.period(concludedIn, option: "--concluded-in") }
                request.docketNumber = docket ?? ""
                let cases = try await paging.collect(printer: session.printer) { token in
                    request.pageToken = token
                    let page = try await session.call(.intake) { try await $0.intake.listCases(request, options: $1) }
                    return (page.cases, page.nextPageToken)
                }
                session.printer.list(cases, table: Views.cases)
            }
        }
    }
}
