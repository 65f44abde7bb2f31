import ArgumentParser
import GRPC
import Messages
import SJCtlKit
import Stubs

/// `sjctl intake opinions report|milestone|get|list`: online public-opinion incidents (网络舆情).
struct OpinionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opinions",
        abstract: "Online public-opinion incidents (网络舆情) and their response deadlines.",
        discussion: examples("sjctl intake opinions list --missed-only", "sjctl intake opinions get opinion-3"),
        subcommands: [Report.self, Milestone.self, Get.self, List.self],
        aliases: ["opinion"])

    struct Report: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "Report an incident (舆情报送) and start its deadline clocks.",
            discussion: examples(
                "sjctl intake opinions report --department agency-7 --category risk-self-media --source 微博 --importance important --summary '某小区征收补偿争议' --detected-at '2024-03-05 08:10'",
                "sjctl intake opinions report --department agency-7 --category other --source 抖音 --importance ordinary --summary '…' --milestone 'media-attention=2024-03-05 09:00' --milestone 'first-statement=2024-03-05 12:00,官方微博发布情况通报'",
                notes: """
                    --region defaults to the department's region and --detected-at to now. Each --milestone is
                    KIND=TIME[,NOTE], for milestones the incident already has (history loaded after an outage).
                    Deadlines: report-up 1 h from detection (important and major incidents); first statement 6 h,
                    inquiries accepted 12 h, formal response 24 h from media attention.
                    """))
        static let rpcs = ["IntakeService/ReportOpinion"]

        @OptionGroup var requestID: RequestIDOption
        @Option(help: "The responsible department (涉事部门), an agency id.") var department: String
        @Option(help: "The region where it arose (default: the department's region).") var region: String?
        @Option(help: "Its category (the report's five risks, or other).") var category: IntakeV1.OpinionCategory
        @Option(help: "Where it was found, e.g. 微博, 抖音, a forum.") var source: String
        @Option(help: "Link to the first post found.") var url: String?
        @Option(name: .customLong("detected-at"), help: "When it was first detected (default now).") var detectedAt:
            String?
        @Option(help: "How important it is.") var importance: IntakeV1.OpinionImportance
        @Option(name: .customLong("related-case"), help: "A related case id.") var relatedCase: String?
        @Option(help: "What it is about.") var summary: String
        @Option(name: .customLong("media-attention-at"), help: "When media attention began, if it has.")
        var mediaAttentionAt: String?
        @Option(
            help: ArgumentHelp("A milestone it already has: KIND=TIME[,NOTE] (repeatable).", valueName: "kind=time"))
        var milestone: [String] = []
        @OptionGroup var options: ConnectionOptions

        func run() async throws {
            try await Session.run(options) { session in
                var request = IntakeV1.ReportOpinionRequest()
                request.requestId = requestID.resolved
                request.departmentAgencyId = department
                if let region {
                    request.regionId = region
                } else {
                    request.regionId = try await Lookups.region(ofAgency: department, session: session)
                }
                request.category = category
                request.source = source
                request.sourceUrl = url ?? ""
                request.detectedAt = try session.timestamp(detectedAt ?? "now", option: "--detected-at")
                request.importance = importance
                request.relatedCaseId = relatedCase ?? ""
                request.summary = summary
                if let mediaAttentionAt {
                    request.mediaAttentionAt = try session.timestamp(mediaAttentionAt, option: "--media-attention-at")
                }
                request.milestones = try milestone.map { try Self.milestone($0, session: session) }
                let opinion = try await session.create(.intake, requestID: request.requestId) {
                    try await $0.intake.reportOpinion(request, options: $1)
                }
                session.printer.resource(opinion)
            }
        }

        static func milestone(_ text: String, session: Session) throws -> IntakeV1.ReportedMilestone {
            guard let equals = text.firstIndex(of: "=") else {
                throw ValidationError(
                    "--milestone \"\(text)\": write KIND=TIME[,NOTE], e.g. reported-up=2024-03-05 09:00")
            }
            let kindText = String(text[..<equals])
            var rest = String(text[text.index(after: equals)...])
            var note = ""
            if let comma = rest.firstIndex(of: ",") {
                note = String(rest[rest.index(after: comma)...])
                rest = String(rest[..<comma])
            }
            guard let kind = IntakeV1.MilestoneKind(argument: kindText) else {
                throw ValidationError(
                    "--milestone: \"\(kindText)\" is not a milestone; use one of \(IntakeV1.MilestoneKind.allValueStrings.joined(separator: ", "))"
                )
            }
            var milestone = IntakeV1.ReportedMilestone()
            milestone.kind = kind
            milestone.occurredAt = try session.timestamp(rest, option: "--milestone \(kindText)")
            milestone.note = note
            return milestone
        }
    }

    struct Milestone: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "Record one milestone of an incident (速报, 发声, 受理问询, 正式回应, 处置完毕…).",
            discussion: examples(
                "sjctl intake opinions milestone opinion-3 --kind first-statement --at '2024-03-05 12:00' --note '官方微博发布通报'",
                notes:
                    "--at defaults to now. Without --expected-version sjctl reads the incident's current version first."
            ))
        static let rpcs = ["IntakeService/RecordOpinionMilestone"]

        @OptionGroup var requestID: RequestIDOption
        @Argument(help: "The incident's id.") var opinionID: String
        @Option(help: "Which milestone.") var kind: IntakeV1.MilestoneKind
        @Option(help: "When it happened (default now).") var at: String?
        @Option(help: "A note, e.g. where the statement was published.") var note: String?
        @Option(name: .customLong("expected-version"), help: "The incident version you saw (default: the current one).")
        var expectedVersion: Int64?
        @OptionGroup var options: ConnectionOptions

        func run() async throws {
            try await Session.run(options) { session in
                var request = IntakeV1.RecordOpinionMilestoneRequest()
                request.opinionId = opinionID
                request.requestId = requestID.resolved
                request.kind = kind
                request.occurredAt = try session.timestamp(at ?? "now", option: "--at")
                request.note = note ?? ""
                if let expectedVersion {
                    request.expectedVersion = expectedVersion
                } else {
                    request.expectedVersion = try await Lookups.currentOpinion(opinionID, session: session).version
                }
                let opinion = try await session.create(.intake, requestID: request.requestId) {
                    try await $0.intake.recordOpinionMilestone(request, options: $1)
                }
                session.printer.resource(opinion)
            }
        }
    }

    struct Get: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "Show one incident with its milestones and deadlines as of now.",
            discussion: examples("sjctl intake opinions get opinion-3"))
        static let rpcs = ["IntakeService/GetOpinion"]

        @Argument(help: "The incident's id.") var id: String
        @OptionGroup var options: ConnectionOptions

        func run() async throws {
            try await Session.run(options) { session in
                session.printer.resource(try await Lookups.currentOpinion(id, session: session))
            }
        }
    }

    struct List: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "List incidents, by detection time.",
            discussion: examples(
                "sjctl intake opinions list --missed-only",
                "sjctl intake opinions list --region region-2 --detected-in 2024-03"))
        static let rpcs = ["IntakeService/ListOpinions"]

        @OptionGroup var paging: PagingOptions
        @Option(help: "Only incidents in this region.") var region: String?
        @Option(help: "Only incidents of this department.") var department: String?
        @Option(help: "Only this category.") var category: IntakeV1.OpinionCategory?
        @Option(help: "Only active or closed incidents.") var state: IntakeV1.OpinionState?
        @Option(
            name: .customLong("detected-in"), help: ArgumentHelp("Detected within this period.", valueName: "period"))
        var detectedIn: String?
        @Flag(name: .customLong("missed-only"), help: "Only incidents with at least one missed deadline.")
        var missedOnly = false
        @OptionGroup var options: ConnectionOptions

        func run() async throws {
            try await Session.run(options) { session in
                var request = IntakeV1.ListOpinionsRequest()
                request.pageSize = paging.pageSize
                request.regionId = region ?? ""
                request.departmentAgencyId = department ?? ""
                request.category = category ?? .unspecified
                request.state = state ?? .unspecified
                if let detectedIn { request.detectedIn = try session.period(detectedIn, option: "--detected-in") }
                request.missedDeadlineOnly = missedOnly
                let opinions = try await paging.collect(printer: session.printer) { token in
                    request.pageToken = token
                    let page = try await session.call(.intake) {
                        try await $0.intake.listOpinions(request, options: $1)
                    }
                    return (page.opinions, page.nextPageToken)
                }
                session.printer.list(opinions) { Views.opinions($0, zone: session.zone) }
            }
        }
    }
}
