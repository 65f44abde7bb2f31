import ArgumentParser
import Messages
import SJCtlKit
import Stubs

/// `sjctl accountability referrals open|advance|get|list`: clues through the four steps (宿迁):
/// referred → investigating → opinion proposed → decision executed.
struct ReferralsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "referrals",
        abstract: "Referrals of accountability clues (线索移送) through their four steps.",
        discussion: examples(
            "sjctl accountability referrals list --region region-2", "sjctl accountability referrals get referral-4"),
        subcommands: [Open.self, AdvanceCommand.self, Get.self, List.self],
        aliases: ["referral"])

    struct Open: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "Open a referral at its first step, clue referred (线索移送).",
            discussion: examples(
                "sjctl accountability referrals open --case case-12 --agency agency-7 --reason '一审败诉' --by '市司法局 张三'",
                "sjctl accountability referrals open --manual '群众来信反映…' --manual-document '宿司函〔2024〕7号' --agency agency-7 --reason '…' --by '市司法局 张三'",
                notes:
                    "Give exactly one source: --case, --opinion, --alert or --manual. --region defaults to the agency's region."
            ))
        static let rpcs = ["AccountabilityService/OpenReferral"]

        @OptionGroup var requestID: RequestIDOption
        @OptionGroup var actor: ActorOption
        @Option(name: .customLong("case"), help: "Source: a lost or corrected case (intake case id).") var caseID:
            String?
        @Option(help: "Source: an opinion incident whose deadline was missed.") var opinion: String?
        @Option(help: "Source: an assessment alert, by its sequence.") var alert: Int64?
        @Option(help: "Source: a clue referred by hand; what it is.") var manual: String?
        @Option(name: .customLong("manual-document"), help: "For --manual: the document it came in, e.g. 宿司函〔2024〕7号.")
        var manualDocument: String?
        @Option(help: "The agency concerned.") var agency: String
        @Option(help: "The agency's region (default: looked up).") var region: String?
        @Option(help: "Why the clue is referred.") var reason: String
        @Option(help: "When it was referred (default now).") var at: String?
        @Option(help: ArgumentHelp("A document referring it (repeatable).", valueName: "reference")) var document:
            [String] = []
        @OptionGroup var options: ConnectionOptions

        func validate() throws {
            let sources = [caseID != nil, opinion != nil, alert != nil, manual != nil].filter { $0 }.count
            guard sources == 1 else {
                throw ValidationError("give exactly one source: --case, --opinion, --alert or --manual")
            }
            if manual != nil, manualDocument == nil {
                throw ValidationError("--manual needs --manual-document: the document the clue came in")
            }
        }

        func run() async throws {
            try await Session.run(options) { session in
                var request = AccountabilityV1.OpenReferralRequest()
                request.requestId = requestID.resolved
                var source = AccountabilityV1.ReferralSource()
                if let caseID { source.origin = .caseId(caseID) }
                if let opinion { source.origin = .opinionId(opinion) }
                if let alert { source.origin = .alertSequence(alert) }
                if let manual {
                    var hand = AccountabilityV1.ManualSource()
                    hand.description = manual
                    hand.documentReference = manualDocument ?? ""
                    source.origin = .manual(hand)
                }
                request.source = source
                request.agencyId = agency
                if let region {
                    request.regionId = region
                } else {
                    request.regionId = try await Lookups.region(ofAgency: agency, session: session)
                }
                request.reason = reason
                request.performedBy = actor.by
                if let at { request.occurredAt = try session.timestamp(at, option: "--at") }
                request.documentReferences = document
                let referral = try await session.create(.accountability, requestID: request.requestId) {
                    try await $0.accountability.openReferral(request, options: $1)
                }
                session.printer.resource(referral)
            }
        }
    }

    struct Get: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "Show one referral with every step taken.",
            discussion: examples("sjctl accountability referrals get referral-4"))
        static let rpcs = ["AccountabilityService/GetReferral"]

        @Argument(help: "The referral's id.") var id: String
        @OptionGroup var options: ConnectionOptions

        func run() async throws {
            try await Session.run(options) { session in
                var request = AccountabilityV1.GetReferralRequest()
                request.id = id
                let referral = try await session.call(.accountability) {
                    try await $0.accountability.getReferral(request, options: $1)
                }
                session.printer.resource(referral)
            }
        }
    }

    struct List: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "List referrals, oldest first.",
            discussion: examples(
                "sjctl accountability referrals list --step opinion-proposed",
                "sjctl accountability referrals list --opened-in 2024 --disposition heavier --all"))
        static let rpcs = ["AccountabilityService/ListReferrals"]

        @OptionGroup var paging: PagingOptions
        @Option(help: "Only this region.") var region: String?
        @Option(help: "Only this agency.") var agency: String?
        @Option(help: "Only referrals at this step.") var step: AccountabilityV1.ReferralStep?
        @Option(help: "Only referrals in this monthly batch.") var batch: String?
        @Option(name: .customLong("opened-in"), help: ArgumentHelp("Opened within this period.", valueName: "period"))
        var openedIn: String?
        @Option(help: "Only this proposed disposition.") var disposition: AccountabilityV1.Disposition?
        @OptionGroup var options: ConnectionOptions

        func run() async throws {
            try await Session.run(options) { session in
                var request = AccountabilityV1.ListReferralsRequest()
                request.pageSize = paging.pageSize
                request.regionId = region ?? ""
                request.agencyId = agency ?? ""
                request.step = step ?? .unspecified
                request.batchId = batch ?? ""
                if let openedIn { request.openedIn = try session.period(openedIn, option: "--opened-in") }
                request.disposition = disposition ?? .unspecified
                let referrals = try await paging.collect(printer: session.printer) { token in
                    request.pageToken = token
                    let page = try await session.call(.accountability) {
                        try await $0.accountability.listReferrals(request, options: $1)
                    }
                    return (page.referrals, page.nextPageToken)
                }
                session.printer.list(referrals) { Views.referrals($0, zone: session.zone) }
            }
        }
    }
}

/// `sjctl accountability referrals advance investigate|propose|execute REFERRAL …`: the next step,
/// with its own data. The step a referral must be at follows from the step taken, so no version
/// is needed: a referral elsewhere is refused (ABORTED).
struct AdvanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advance",
        abstract: "Take a referral's next step: investigate, propose (a handling opinion) or execute (the decision).",
        discussion: examples(
            "sjctl accountability referrals advance investigate referral-4 --investigator 区纪委 --by '区纪委 王五'"),
        subcommands: [Investigate.self, Propose.self, Execute.self])

    static let rpcs = ["AccountabilityService/AdvanceReferral"]

    struct Step: ParsableArguments {
        @OptionGroup var requestID: RequestIDOption
        @OptionGroup var actor: ActorOption
        @Argument(help: "The referral's id.") var referralID: String
        @Option(help: "When the step happened (default now).") var at: String?
        @Option(help: ArgumentHelp("A document the step rests on (repeatable).", valueName: "reference"))
        var document: [String] = []
        @OptionGroup var options: ConnectionOptions

        func advance(
            from step: AccountabilityV1.ReferralStep,
            _ data: (Session) throws -> AccountabilityV1.AdvanceReferralRequest.NextStep
        ) async throws {
            try await Session.run(options) { session in
                var request = AccountabilityV1.AdvanceReferralRequest()
                request.referralId = referralID
                request.expectedStep = step
                request.requestId = requestID.resolved
                request.performedBy = actor.by
                if let at { request.occurredAt = try session.timestamp(at, option: "--at") }
                request.documentReferences = document
                request.nextStep = try data(session)
                let referral = try await session.create(.accountability, requestID: request.requestId) {
                    try await $0.accountability.advanceReferral(request, options: $1)
                }
                session.printer.resource(referral)
            }
        }
    }

    struct Investigate: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "Step 2, investigation started (组织开展调查), from a referred clue.",
            discussion: examples(
                "sjctl accountability referrals advance investigate referral-4 --investigator 区纪委 --started-on 2024-04-02 --by '区纪委 王五'"
            ))
        static let rpcs = AdvanceCommand.rpcs
        @Option(help: "Who investigates: a person or a body.") var investigator: String
        @Option(name: .customLong("started-on"), help: "Date it began (default today).") var startedOn: DateArgument?
        @OptionGroup var step: Step

        func run() async throws {
            try await step.advance(from: .referred) { session in
                var data = AccountabilityV1.InvestigationStarted()
                data.investigator = investigator
                data.startedOn = startedOn?.proto ?? session.todayDate
                return .investigationStarted(data)
            }
        }
    }

    struct Propose: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "Step 3, handling opinion proposed (提出处理意见), after the investigation.",
            discussion: examples(
                "sjctl accountability referrals advance propose referral-4 --disposition accountable --person 'key=A001,name=张三,position=某局副局长,sanction=诫勉谈话' --rationale '…' --by '区纪委 王五'",
                notes: """
                    Each --person is key=…,name=…,position=…[,sanction=…]: key is the person's staff number within
                    the agency (persons are counted by it). Values cannot contain ","; use "，" in text.
                    Accountable, lighter and heavier need a person unless --unit-accountable (单位追责).
                    """))
        static let rpcs = AdvanceCommand.rpcs
        @Option(help: "Whether and how accountability applies.") var disposition: AccountabilityV1.Disposition
        @Option(
            help: ArgumentHelp(
                "A person handled: key=…,name=…,position=…[,sanction=…] (repeatable).", valueName: "person"))
        var person: [String] = []
        @Option(help: "Why this disposition.") var rationale: String
        @Flag(name: .customLong("unit-accountable"), help: "The agency itself is held accountable (单位追责).")
        var unitAccountable = false
        @OptionGroup var step: Step

        func run() async throws {
            let persons = try person.map(Self.person)
            try await step.advance(from: .investigating) { _ in
                var data = AccountabilityV1.HandlingOpinionProposed()
                data.disposition = disposition
                data.persons = persons
                data.rationale = rationale
                data.unitHeldAccountable = unitAccountable
                return .handlingOpinionProposed(data)
            }
        }

        static func person(_ text: String) throws -> AccountabilityV1.PersonHandled {
            var person = AccountabilityV1.PersonHandled()
            for part in text.split(separator: ",") {
                guard let equals = part.firstIndex(of: "=") else {
                    throw ValidationError("--person \"\(text)\": write key=…,name=…,position=…[,sanction=…]")
                }
                let value = String(part[part.index(after: equals)...])
                switch part[..<equals].lowercased() {
                case "key": person.personKey = value
                case "name": person.name = value
                case "position": person.position = value
                case "sanction": person.sanction = value
                default:
                    throw ValidationError(
                        "--person: unknown part \"\(part[..<equals])\"; the parts are key, name, position, sanction")
                }
            }
            return person
        }
    }

    struct Execute: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "Step 4, decision executed (执行处理决定). Final.",
            discussion: examples(
                "sjctl accountability referrals advance execute referral-4 --decision-document 'X纪发〔2024〕3号' --executed-on 2024-05-30 --by '区纪委 王五'"
            ))
        static let rpcs = AdvanceCommand.rpcs
        @Option(name: .customLong("decision-document"), help: "The decision's number and title.") var decisionDocument:
            String
        @Option(name: .customLong("executed-on"), help: "Date executed (default today).") var executedOn: DateArgument?
        @OptionGroup var step: Step

        func run() async throws {
            try await step.advance(from: .opinionProposed) { session in
                var data = AccountabilityV1.DecisionExecuted()
                data.decisionDocument = decisionDocument
                data.executedOn = executedOn?.proto ?? session.todayDate
                return .decisionExecuted(data)
            }
        }
    }
}
