import ArgumentParser
import GRPC
import Messages
import SJCtlKit
import Stubs

/// `sjctl intake regions create|get|list`.
struct RegionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regions",
        abstract: "The city and its counties, districts and zones (区县).",
        discussion: examples("sjctl intake regions list"),
        subcommands: [Create.self, Get.self, List.self],
        aliases: ["region"])

    struct Create: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "Create a region: the city first (once), then each county, district or zone.",
            discussion: examples(
                "sjctl intake regions create --name 宿迁市 --kind city --division-code 321300",
                "sjctl intake regions create --name 宿城区 --kind district --division-code 321302"))
        static let rpcs = ["IntakeService/CreateRegion"]

        @OptionGroup var requestID: RequestIDOption
        @Option(help: "Display name, e.g. 鼓楼区 (1-64 characters).") var name: String
        @Option(help: "What the region is.") var kind: IntakeV1.RegionKind
        @Option(name: .customLong("division-code"), help: "Administrative division code (行政区划代码), 6 digits.")
        var divisionCode: String
        @OptionGroup var options: ConnectionOptions

        func run() async throws {
            try await Session.run(options) { session in
                var request = IntakeV1.CreateRegionRequest()
                request.requestId = requestID.resolved
                request.name = name
                request.regionKind = kind
                request.divisionCode = divisionCode
                let region = try await session.create(.intake, requestID: request.requestId) {
                    try await $0.intake.createRegion(request, options: $1)
                }
                session.printer.resource(region)
            }
        }
    }

    struct Get: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "Show one region.", discussion: examples("sjctl intake regions get region-2"))
        static let rpcs = ["IntakeService/GetRegion"]

        @Argument(help: "The region's id.") var id: String
        @OptionGroup var options: ConnectionOptions

        func run() async throws {
            try await Session.run(options) { session in
                var request = IntakeV1.GetRegionRequest()
                request.id = id
                let region = try await session.call(.intake) { try await $0.intake.getRegion(request, options: $1) }
                session.printer.resource(region)
            }
        }
    }

    struct List: AsyncParsableCommand, CallsRPCs {
        static let configuration = CommandConfiguration(
            abstract: "List regions, by division code.",
            discussion: examples("sjctl intake regions list", "sjctl intake regions list --kind district --json"))
        static let rpcs = ["IntakeService/ListRegions"]

        @OptionGroup var paging: PagingOptions
        @Option(help: "Only regions of this kind.") var kind: IntakeV1.RegionKind?
        @OptionGroup var options: ConnectionOptions

        func run() async throws {
            try await Session.run(options) { session in
                var request = IntakeV1.ListRegionsRequest()
                request.pageSize = paging.pageSize
                request.regionKind = kind ?? .unspecified
                let regions = try await paging.collect(printer: session.printer) { token in
                    request.pageToken = token
                    let page = try await session.call(.intake) { try await $0.intake.listRegions(request, options: $1) }
                    return (page.regions, page.nextPageToken)
                }
                session.printer.list(regions, table: Views.regions)
            }
        }
    }
}
