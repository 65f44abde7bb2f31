import ArgumentParser
import GRPC
import Messages
import SJCtlKit
import Stubs

/// `sjctl intake cases record-event <event> CASE_ID …`: one subcommand per life-cycle event, each
/// with the event's own options.
struct RecordEventCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record-event",
        abstract: "Append a life-cycle event to a case (mediation, hearing, head appearance, conclusion, appeal…).",
        discussion: examples(
            "sjctl intake cases record-event concluded case-12 --outcome revoked --on 2024-06-30",
            notes: """
                Which event is allowed in which state: see `sjctl intake cases get` (state) and docs/intake.md.
                Without --expected-version, sjctl reads the case first and uses its current version; give
                the version you last saw to be refused (ABORTED) if someone else changed the case meanwhile.
                """),
        subcommands: [
            MediationStarted.self, MediationConcluded.self, SelfCorrected.self, HearingScheduled.self,
            HeadAppearance.self, Concluded.self, Appealed.self, Withdrawn.self,
        ],
        aliases: ["event"])

    /// What every event subcommand takes: the case, its version, the request id.
    struct Target: ParsableArguments {
        @OptionGroup var requestID: RequestIDOption
        @Argument(help: "The case's id.") var caseID: String
        @Option(name: .customLong("expected-version"), help: "The case version you saw (default: the current one).")
        var expectedVersion: Int64?
        @OptionGroup var options: ConnectionOptions

        /// Sends the event and prints the updated case. The case is read first when the version
        /// is not given or the event needs it (`needsCase`), and handed to `event`.
        func record(needsCase: Bool = false, _ event: RecordedEvent) async throws {
            try await Session.run(options) { session in
                var request = IntakeV1.RecordCaseEventRequest()
                request.caseId = caseID
                request.requestId = requestID.resolved
                var current: IntakeV1.Case?
                if expectedVersion == nil || needsCase {
                    current = try await Lookups.currentCase(caseID, session: session)
                }
                request.expectedVersion = expectedVersion ?? current?.version ?? 0
                request.event = try event(session, current)
                let updated = try await session.create(.intake, requestID: request.requestId) {
                    try await $0.intake.recordCaseEvent(request, options: $1)
                }
                session.printer.resource(updated)
            }
        }
    }

    typealias RecordedEvent = (Session, IntakeV1.Case?) throws -> IntakeV1.RecordCaseEventRequest.Event

    static let rpcs = ["IntakeService/RecordCaseEvent"]

    struct MediationStarted: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            commandName: "mediation-started", abstract: "Pre-litigation mediation started (诉前调解).",
            discussion: examples(
                "sjctl intake cases record-event mediation-started case-12 --channel peoples --on 2024-03-10"))
        static let rpcs = RecordEventCommand.rpcs
        @Option(help: "Who mediates.") var channel: IntakeV1.MediationChannel
        @Option(help: ArgumentHelp("Date it started (default today).", valueName: "date")) var on: DateArgument?
        @OptionGroup var target: Target

        func run() async throws {
            try await target.record { session, _ in
                var event = IntakeV1.MediationStarted()
                event.channel = channel
                event.startedOn = on?.proto ?? session.todayDate
                return .mediationStarted(event)
            }
        }
    }

    struct MediationConcluded: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            commandName: "mediation-concluded", abstract: "Pre-litigation mediation ended.",
            discussion: examples(
                "sjctl intake cases record-event mediation-concluded case-12 --result failed --on 2024-04-01"))
        static let rpcs = RecordEventCommand.rpcs
        @Option(help: "How it ended.") var result: IntakeV1.MediationResult
        @Option(help: ArgumentHelp("Date it ended (default today).", valueName: "date")) var on: DateArgument?
        @OptionGroup var target: Target

        func run() async throws {
            try await target.record { session, _ in
                var event = IntakeV1.MediationConcluded()
                event.result = result
                event.concludedOn = on?.proto ?? session.todayDate
                return .mediationConcluded(event)
            }
        }
    }

    struct SelfCorrected: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            commandName: "self-corrected", abstract: "The agency corrected its own act (自我纠错).",
            discussion: examples(
                "sjctl intake cases record-event self-corrected case-12 --summary '撤销原处罚决定' --on 2024-04-02"))
        static let rpcs = RecordEventCommand.rpcs
        @Option(help: "What was corrected and how.") var summary: String
        @Option(help: ArgumentHelp("Date of the correction (default today).", valueName: "date")) var on: DateArgument?
        @OptionGroup var target: Target

        func run() async throws {
            try await target.record { session, _ in
                var event = IntakeV1.SelfCorrected()
                event.summary = summary
                event.correctedOn = on?.proto ?? session.todayDate
                return .selfCorrected(event)
            }
        }
    }

    struct HearingScheduled: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            commandName: "hearing-scheduled", abstract: "A hearing was scheduled (开庭排期).",
            discussion: examples(
                "sjctl intake cases record-event hearing-scheduled case-12 --at '2024-05-20 09:30' --court 宿城区人民法院"))
        static let rpcs = RecordEventCommand.rpcs
        @Option(help: "Date and time of the hearing, city time (e.g. '2024-05-20 09:30').") var at: String
        @Option(help: "The court holding it.") var court: String
        @OptionGroup var target: Target

        func run() async throws {
            try await target.record { session, _ in
                var event = IntakeV1.HearingScheduled()
                event.hearingAt = try session.timestamp(at, option: "--at")
                event.courtName = court
                return .hearingScheduled(event)
            }
        }
    }

    struct HeadAppearance: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            commandName: "head-appearance", abstract: "An agency head appeared in court (负责人出庭应诉).",
            discussion: examples(
                "sjctl intake cases record-event head-appearance case-12 --name 李四 --rank deputy --spoke --on 2024-05-20"
            ))
        static let rpcs = RecordEventCommand.rpcs
        @Option(help: "Name of the head who appeared.") var name: String
        @Option(help: "Their rank.") var rank: IntakeV1.HeadRank
        @Option(help: "Position held, e.g. 副局长.") var position: String?
        @Flag(help: "The head spoke in court (出声), not just attended.") var spoke = false
        @Option(help: "The court's evaluation, if it gave one.") var evaluation: IntakeV1.AppearanceEvaluation?
        @Option(name: .customLong("evaluation-note"), help: "The court's words.") var evaluationNote: String?
        @Option(help: ArgumentHelp("Date of the hearing attended (default today).", valueName: "date")) var on:
            DateArgument?
        @OptionGroup var target: Target

        func run() async throws {
            try await target.record { session, _ in
                var event = IntakeV1.HeadAppearance()
                event.personName = name
                event.rank = rank
                event.position = position ?? ""
                event.spoke = spoke
                event.evaluation = evaluation ?? .unspecified
                event.evaluationNote = evaluationNote ?? ""
                event.appearedOn = on?.proto ?? session.todayDate
                return .headAppearance(event)
            }
        }
    }

    struct Concluded: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            commandName: "concluded", abstract: "The case, or one instance of it, concluded (审结) with an outcome.",
            discussion: examples(
                "sjctl intake cases record-event concluded case-12 --outcome revoked --on 2024-06-30",
                "sjctl intake cases record-event concluded case-12 --outcome appeal-dismissed --instance second",
                notes:
                    "--instance defaults to the case's own instance while it is open, and to second once it is appealed."
            ))
        static let rpcs = RecordEventCommand.rpcs
        @Option(help: "The outcome (e.g. revoked, claim-dismissed, or 撤销).") var outcome: IntakeV1.CaseOutcome
        @Option(help: ArgumentHelp("Date concluded (default today).", valueName: "date")) var on: DateArgument?
        @Option(help: "The instance that gave the outcome.") var instance: IntakeV1.Instance?
        @Option(name: .customLong("document"), help: "Judgment or decision document number.") var document: String?
        @OptionGroup var target: Target

        func run() async throws {
            // The default instance depends on the case's state, so the case is read when it is not given.
            try await target.record(needsCase: instance == nil) { session, current in
                var event = IntakeV1.Concluded()
                event.outcome = outcome
                event.concludedOn = on?.proto ?? session.todayDate
                event.instance = instance ?? (current?.state == .appealed ? .second : current?.instance ?? .first)
                event.documentNumber = document ?? ""
                return .concluded(event)
            }
        }
    }

    struct Appealed: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            commandName: "appealed", abstract: "A party appealed the first-instance judgment (上诉).",
            discussion: examples(
                "sjctl intake cases record-event appealed case-12 --appellant agency --higher-court 宿迁市中级人民法院 --on 2024-07-10"
            ))
        static let rpcs = RecordEventCommand.rpcs
        @Option(help: "Who appealed.") var appellant: IntakeV1.Appellant
        @Option(name: .customLong("higher-court"), help: "The court hearing the appeal.") var higherCourt: String
        @Option(help: ArgumentHelp("Date of the appeal (default today).", valueName: "date")) var on: DateArgument?
        @OptionGroup var target: Target

        func run() async throws {
            try await target.record { session, _ in
                var event = IntakeV1.Appealed()
                event.appellant = appellant
                event.higherCourtName = higherCourt
                event.appealedOn = on?.proto ?? session.todayDate
                return .appealed(event)
            }
        }
    }

    struct Withdrawn: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            commandName: "withdrawn", abstract: "The plaintiff withdrew (撤诉), or the appellant withdrew the appeal.",
            discussion: examples(
                "sjctl intake cases record-event withdrawn case-12 --after-agency-changed-act --on 2024-04-15"))
        static let rpcs = RecordEventCommand.rpcs
        @Flag(
            name: .customLong("after-agency-changed-act"),
            help: "The withdrawal followed the agency changing its act (改变行政行为后撤诉).")
        var afterChange = false
        @Option(help: ArgumentHelp("Date of the withdrawal (default today).", valueName: "date")) var on: DateArgument?
        @OptionGroup var target: Target

        func run() async throws {
            try await target.record { session, _ in
                var event = IntakeV1.Withdrawn()
                event.afterAgencyChangedAct = afterChange
                event.withdrawnOn = on?.proto ?? session.todayDate
                return .withdrawn(event)
            }
        }
    }
}
