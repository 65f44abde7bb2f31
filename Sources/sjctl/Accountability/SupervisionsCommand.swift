import ArgumentParser
import Messages
import SJCtlKit
import Stubs

/// `sjctl accountability supervisions open|get|update|close|list`: 挂牌督办 and 包案化解.
struct SupervisionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supervisions",
        abstract: "Supervised cases: listed supervision (挂牌督办) and leader ownership (包案化解).",
        discussion: examples("sjctl accountability supervisions list --state overdue"),
        subcommands: [Open.self, Get.self, Update.self, Close.self, List.self],
        aliases: ["supervision"])

    struct Open: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "Put a case under supervision, with an owner, a plan (一案一策) and a deadline (限时化解).",
            discussion: examples(
                "sjctl accountability supervisions open --case case-12 --kind leader-ownership --owner 李四 --owner-position 区政府副区长 --plan '一案一策：…' --due '2024-06-30 18:00' --reminder-lead 3d --by '市司法局 张三'",
                notes: "--region defaults to the region the case counts under; --reminder-lead to the configured lead.")
        )
        static let rpcs = ["AccountabilityService/OpenSupervision"]

        @OptionGroup var requestID: RequestIDOption
        @OptionGroup var actor: ActorOption
        @Option(name: .customLong("case"), help: "The case (intake case id).") var caseID: String
        @Option(help: "Listed supervision or leader ownership.") var kind: AccountabilityV1.SupervisionKind
        @Option(help: "The region the case counts under (default: looked up).") var region: String?
        @Option(help: "The owner (包案领导 / 督办责任人).") var owner: String
        @Option(name: .customLong("owner-position"), help: "The owner's post, e.g. 区政府副区长.") var ownerPosition: String
        @Option(help: "The plan for this case (一案一策).") var plan: String
        @Option(help: "The deadline, in the future (e.g. '2024-06-30 18:00').") var due: String
        @Option(
            name: .customLong("reminder-lead"), help: "How long before the deadline the reminder goes (e.g. 3d, 12h).")
        var reminderLead: DurationArgument?
        @Option(help: "The alert that prompted it, by sequence.") var alert: Int64?
        @OptionGroup var options: ConnectionOptions

        func run() async throws {
            try await Session.run(options) { session in
                var request = AccountabilityV1.OpenSupervisionRequest()
                request.requestId = requestID.resolved
                request.kind = kind
                request.caseId = caseID
                if let region {
                    request.regionId = region
                } else {
                    request.regionId = try await Lookups.currentCase(caseID, session: session).regionId
                }
                request.ownerName = owner
                request.ownerPosition = ownerPosition
                request.plan = plan
                request.dueAt = try session.timestamp(due, option: "--due")
                request.reminderLead = reminderLead?.proto
                request.alertSequence = alert ?? 0
                request.openedBy = actor.by
                let supervision = try await session.create(.accountability, requestID: request.requestId) {
                    try await $0.accountability.openSupervision(request, options: $1)
                }
                session.printer.resource(supervision)
            }
        }
    }

    struct Get: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "Show one supervision with its updates, reminders and escalations.",
            discussion: examples("sjctl accountability supervisions get supervision-2"))
        static let rpcs = ["AccountabilityService/GetSupervision"]

        @Argument(help: "The supervision's id.") var id: String
        @OptionGroup var options: ConnectionOptions

        func run() async throws {
            try await Session.run(options) { session in
                session.printer.resource(try await Self.read(id, session: session))
            }
        }

        static func read(_ id: String, session: Session) async throws -> AccountabilityV1.Supervision {
            var request = AccountabilityV1.GetSupervisionRequest()
            request.id = id
            return try await session.call(.accountability) {
                try await $0.accountability.getSupervision(request, options: $1)
            }
        }
    }

    struct Update: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "Add a progress note, optionally with a new deadline or a new owner.",
            discussion: examples(
                "sjctl accountability supervisions update supervision-2 --note '已与原告面谈' --by '区司法局 赵六'",
                "sjctl accountability supervisions update supervision-2 --note '…' --new-due '2024-07-31 18:00' --due-reason '鉴定未完成' --by '区司法局 赵六'",
                notes: "A new owner takes --new-owner, --new-owner-position and --owner-reason together."))
        static let rpcs = ["AccountabilityService/UpdateSupervision"]

        @OptionGroup var requestID: RequestIDOption
        @OptionGroup var actor: ActorOption
        @Argument(help: "The supervision's id.") var id: String
        @Option(help: "What was done.") var note: String
        @Option(name: .customLong("new-due"), help: "A new deadline, in the future.") var newDue: String?
        @Option(name: .customLong("due-reason"), help: "Why the deadline moves (with --new-due).") var dueReason:
            String?
        @Option(name: .customLong("new-owner"), help: "Hand the case to a new owner.") var newOwner: String?
        @Option(name: .customLong("new-owner-position"), help: "The new owner's post.") var newOwnerPosition: String?
        @Option(name: .customLong("owner-reason"), help: "Why the owner changes.") var ownerReason: String?
        @Option(name: .customLong("expected-version"), help: "The version you saw (default: the current one).")
        var expectedVersion: Int64?
        @OptionGroup var options: ConnectionOptions

        func run() async throws {
            try await Session.run(options) { session in
                var request = AccountabilityV1.UpdateSupervisionRequest()
                request.supervisionId = id
                request.requestId = requestID.resolved
                request.note = note
                if let newDue { request.newDueAt = try session.timestamp(newDue, option: "--new-due") }
                request.newDueReason = dueReason ?? ""
                if newOwner != nil || newOwnerPosition != nil || ownerReason != nil {
                    var change = AccountabilityV1.OwnerChange()
                    change.ownerName = newOwner ?? ""
                    change.ownerPosition = newOwnerPosition ?? ""
                    change.reason = ownerReason ?? ""
                    request.newOwner = change
                }
                request.recordedBy = actor.by
                if let expectedVersion {
                    request.expectedVersion = expectedVersion
                } else {
                    request.expectedVersion = try await Get.read(id, session: session).version
                }
                let supervision = try await session.create(.accountability, requestID: request.requestId) {
                    try await $0.accountability.updateSupervision(request, options: $1)
                }
                session.printer.resource(supervision)
            }
        }
    }

    struct Close: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "Close a supervision out (销号) with its result.",
            discussion: examples(
                "sjctl accountability supervisions close supervision-2 --result resolved --summary '原告撤诉，争议化解' --by '市司法局 张三'"
            ))
        static let rpcs = ["AccountabilityService/CloseSupervision"]

        @OptionGroup var requestID: RequestIDOption
        @OptionGroup var actor: ActorOption
        @Argument(help: "The supervision's id.") var id: String
        @Option(help: "How it ended.") var result: AccountabilityV1.SupervisionResult
        @Option(help: "What was achieved.") var summary: String
        @Option(name: .customLong("expected-version"), help: "The version you saw (default: the current one).")
        var expectedVersion: Int64?
        @OptionGroup var options: ConnectionOptions

        func run() async throws {
            try await Session.run(options) { session in
                var request = AccountabilityV1.CloseSupervisionRequest()
                request.supervisionId = id
                request.requestId = requestID.resolved
                request.result = result
                request.summary = summary
                request.closedBy = actor.by
                if let expectedVersion {
                    request.expectedVersion = expectedVersion
                } else {
                    request.expectedVersion = try await Get.read(id, session: session).version
                }
                let supervision = try await session.create(.accountability, requestID: request.requestId) {
                    try await $0.accountability.closeSupervision(request, options: $1)
                }
                session.printer.resource(supervision)
            }
        }
    }

    struct List: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "List supervisions, by deadline.",
            discussion: examples(
                "sjctl accountability supervisions list --state overdue",
                "sjctl accountability supervisions list --due-before '2024-07-01'"))
        static let rpcs = ["AccountabilityService/ListSupervisions"]

        @OptionGroup var paging: PagingOptions
        @Option(help: "Only this kind.") var kind: AccountabilityV1.SupervisionKind?
        @Option(help: "Only this state.") var state: AccountabilityV1.SupervisionState?
        @Option(help: "Only this region.") var region: String?
        @Option(name: .customLong("case"), help: "Only this case.") var caseID: String?
        @Option(name: .customLong("due-before"), help: "Only deadlines before this time.") var dueBefore: String?
        @OptionGroup var options: ConnectionOptions

        func run() async throws {
            try await Session.run(options) { session in
                var request = AccountabilityV1.ListSupervisionsRequest()
                request.pageSize = paging.pageSize
                request.kind = kind ?? .unspecified
                request.state = state ?? .unspecified
                request.regionId = region ?? ""
                request.caseId = caseID ?? ""
                if let dueBefore { request.dueBefore = try session.timestamp(dueBefore, option: "--due-before") }
                let supervisions = try await paging.collect(printer: session.printer) { token in
                    request.pageToken = token
                    let page = try await session.call(.accountability) {
                        try await $0.accountability.listSupervisions(request, options: $1)
                    }
                    return (page.supervisions, page.nextPageToken)
                }
                session.printer.list(supervisions) { Views.supervisions($0, zone: session.zone) }
            }
        }
    }
}
