import ArgumentParser
import GRPC
import Messages
import SJCtlKit
import SharedDomain
import Stubs

/// The tables people read for each list, one function per kind of item. Columns are what an
/// operator scans for; everything else is one `get` (or `--json`) away.
enum Views {
    static func regions(_ regions: [IntakeV1.Region]) -> TextTable {
        var table = TextTable(["ID", "NAME", "KIND", "DIVISION", "PARENT"])
        for region in regions {
            table.add([
                region.id, region.name, region.regionKind.label, region.divisionCode, Show.text(region.parentRegionId),
            ])
        }
        return table
    }

    static func agencies(_ agencies: [IntakeV1.Agency]) -> TextTable {
        var table = TextTable(["ID", "NAME", "TYPE", "LEVEL", "REGION", "CREDIT CODE"])
        for agency in agencies {
            table.add([
                agency.id, agency.name, agency.agencyType.shortName, agency.level.shortName, agency.regionId,
                Show.text(agency.creditCode),
            ])
        }
        return table
    }

    static func cases(_ cases: [IntakeV1.Case]) -> TextTable {
        var table = TextTable(
            ["ID", "DOCKET", "KIND", "INST", "CATEGORY", "AGENCY", "REGION", "FILED", "STATE", "OUTCOME", "LOSS"])
        for item in cases {
            table.add([
                item.id, item.docketNumber, item.kind.shortName, item.instance.shortName, item.category.shortName,
                item.defendantAgencyId, item.regionId, Show.date(item.filedOn), item.state.shortName,
                item.finalOutcome == .unspecified ? "—" : item.finalOutcome.shortName, item.isLoss ? "loss" : "",
            ])
        }
        return table
    }

    static func opinions(_ opinions: [IntakeV1.Opinion], zone: CityTimeZone) -> TextTable {
        var table = TextTable(
            ["ID", "DETECTED", "CATEGORY", "IMPORTANCE", "DEPARTMENT", "STATE", "DEADLINES", "SUMMARY"],
            maxWidths: [7: 30])
        for opinion in opinions {
            table.add([
                opinion.id, Show.time(opinion.detectedAt, zone: zone), opinion.category.shortName,
                opinion.importance.shortName, opinion.departmentAgencyId, opinion.state.shortName,
                deadlines(opinion.deadlines), opinion.summary,
            ])
        }
        return table
    }

    /// "report-up met, first-statement MISSED": each deadline that applies, misses in capitals so
    /// they stand out in a long list.
    static func deadlines(_ deadlines: [IntakeV1.OpinionDeadline]) -> String {
        if deadlines.isEmpty { return "—" }
        return deadlines.map { deadline in
            let status = deadline.status == .missed ? "MISSED" : deadline.status.shortName
            return "\(deadline.kind.shortName) \(status)"
        }.joined(separator: ", ")
    }
}
