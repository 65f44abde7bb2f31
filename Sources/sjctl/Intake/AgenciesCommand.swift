import ArgumentParser
import GRPC
import Messages
import SJCtlKit
import Stubs

/// `sjctl intake agencies create|get|list`.
struct AgenciesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agencies",
        abstract: "Agencies (行政机关): the defendants of cases and the departments of opinion incidents.",
        discussion: examples("sjctl intake agencies list --region region-2"),
        subcommands: [Create.self, Get.self, List.self],
        aliases: ["agency"])

    struct Create: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "Create an agency in a region.",
            discussion: examples(
                "sjctl intake agencies create --name 宿城区市场监督管理局 --type market-regulation --level county --region region-2"
            ))
        static let rpcs = ["IntakeService/CreateAgency"]

        @OptionGroup var requestID: RequestIDOption
        @Option(help: "Full name (1-128 characters).") var name: String
        @Option(help: "What kind of agency it is.") var type: IntakeV1.AgencyType
        @Option(
            help:
                "Its tier: province and city agencies belong to the city region, the others to a county, district or zone."
        )
        var level: IntakeV1.AgencyLevel
        @Option(help: "The region it belongs to.") var region: String
        @Option(name: .customLong("credit-code"), help: "Unified social credit code (统一社会信用代码), 18 characters.")
        var creditCode: String?
        @OptionGroup var options: ConnectionOptions

        func run() async throws {
            try await Session.run(options) { session in
                var request = IntakeV1.CreateAgencyRequest()
                request.requestId = requestID.resolved
                request.name = name
                request.agencyType = type
                request.level = level
                request.regionId = region
                request.creditCode = creditCode ?? ""
                let agency = try await session.create(.intake, requestID: request.requestId) {
                    try await $0.intake.createAgency(request, options: $1)
                }
                session.printer.resource(agency)
            }
        }
    }

    struct Get: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "Show one agency.", discussion: examples("sjctl intake agencies get agency-7"))
        static let rpcs = ["IntakeService/GetAgency"]

        @Argument(help: "The agency's id.") var id: String
        @OptionGroup var options: ConnectionOptions

        func run() async throws {
            try await Session.run(options) { session in
                var request = IntakeV1.GetAgencyRequest()
                request.id = id
                let agency = try await session.call(.intake) { try await $0.intake.getAgency(request, options: $1) }
                session.printer.resource(agency)
            }
        }
    }

    struct List: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "List agencies, by region then name.",
            discussion: examples(
                "sjctl intake agencies list --region region-2",
                "sjctl intake agencies list --type public-security --all"))
        static let rpcs = ["IntakeService/ListAgencies"]

        @OptionGroup var paging: PagingOptions
        @Option(help: "Only agencies of this region.") var region: String?
        @Option(help: "Only agencies of this type.") var type: IntakeV1.AgencyType?
        @Option(help: "Only agencies at this level.") var level: IntakeV1.AgencyLevel?
        @OptionGroup var options: ConnectionOptions

        func run() async throws {
            try await Session.run(options) { session in
                var request = IntakeV1.ListAgenciesRequest()
                request.pageSize = paging.pageSize
                request.regionId = region ?? ""
                request.agencyType = type ?? .unspecified
                request.level = level ?? .unspecified
                let agencies = try await paging.collect(printer: session.printer) { token in
                    request.pageToken = token
                    let page = try await session.call(.intake) {
                        try await $0.intake.listAgencies(request, options: $1)
                    }
                    return (page.agencies, page.nextPageToken)
                }
                session.printer.list(agencies, table: Views.agencies)
            }
        }
    }
}
