import ArgumentParser
import GRPC
import GRPCCore
import Messages
import SJCtlKit
import Stubs

/// `sjctl import cases FILE.csv` (also `sjctl intake cases import`): streams a spreadsheet's rows
/// into ImportCases and reports every rejected row by its line in the file.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bulk imports (批量导入).",
        discussion: examples("sjctl import cases cases-2023.csv"),
        subcommands: [ImportCasesCommand.self])
}

struct ImportCasesCommand: AsyncParsableCommand, CallsRPCs {
    static let configuration = CommandConfiguration(
        commandName: "cases",
        abstract: "Import cases with their events from a CSV file (one row per case record).",
        usage: "sjctl import cases FILE.csv [--dry-run] [--server HOST:PORT]",
        discussion: examples(
            "sjctl import cases cases-2023.csv", "sjctl import cases export.csv --dry-run",
            notes: """
                The first row names the columns, in any order, by their English or Chinese names.

                Required:
                \(CaseRows.columns.filter(\.isRequired).map { "  \($0.name) (\($0.chinese)): \($0.meaning)" }.joined(separator: "\n"))

                Optional:
                \(CaseRows.columns.filter { !$0.isRequired }.map { "  \($0.name) (\($0.chinese)): \($0.meaning)" }.joined(separator: "\n"))

                A row's events (mediation, correction, hearing, head appearance, conclusion, withdrawal, appeal,
                second instance) are filed in date order. UTF-8 (with or without BOM) and GB18030/GBK files
                (Chinese Excel's "CSV") are read; quoted fields may hold commas, quotes ("") and line breaks.

                Each row gets a request id derived from its content, so importing the same file again replays
                the rows already in (reported as replayed) instead of duplicating them. Every rejected row is
                listed with its line number and the reason; the exit code is 1 if any row was rejected.
                See docs/sjctl.md for the columns in full.
                """))
    static let rpcs = ["IntakeService/ImportCases"]

    @Argument(help: "The CSV file (- for standard input).") var file: String
    @Flag(name: .customLong("dry-run"), help: "Read and check the file, send nothing.") var dryRun = false
    @OptionGroup var options: ConnectionOptions

    func run() async throws {
        try await Session.run(options) { session in
            let printer = session.printer
            // Reading and checking the file comes first: a file that cannot be read sends nothing.
            let bytes: [UInt8]
            do {
                bytes = try FileBytes.read(file)
            } catch {
                throw ValidationError("\(error)")
            }
            let decoded: (text: String, encoding: CSVText.Encoding)
            let records: [CSVParser.Record]
            let layout: CaseRows
            do {
                decoded = try CSVText.decode(bytes)
                records = try CSVParser.parse(decoded.text)
                guard let header = records.first else {
                    throw CommandFailure("\(file) is empty: it needs a header row")
                }
                layout = try CaseRows(header: header.fields, zone: session.zone)
            } catch let failure as CommandFailure {
                throw failure
            } catch {
                throw CommandFailure("\(file): \(error)")
            }
            if decoded.encoding == .gb18030 {
                printer.note("\(file): read as GB18030 (a Chinese Excel export), converted to UTF-8")
            }

            let directory = try await Self.directory(session: session)
            var rows: [IntakeV1.ImportCasesRequest] = []
            var rejected: [IntakeV1.ImportRowResult] = []
            for record in records.dropFirst() {
                switch layout.request(for: record, directory: directory, now: session.now) {
                case .success(let row): rows.append(row)
                case .failure(let rejection): rejected.append(Self.result(for: rejection))
                }
            }
            if dryRun {
                printer.line(
                    "\(file): \(records.count - 1) rows read, \(rows.count) ready to send, \(rejected.count) refused by sjctl (nothing sent: --dry-run)"
                )
                Self.printRejections(rejected, printer: printer)
                if !rejected.isEmpty { throw ExitCode(ErrorReport.refused) }
                return
            }

            var response = IntakeV1.ImportCasesResponse()
            if !rows.isEmpty {
                response = try await session.call(.intake) { connections, _ in
                    let call = try connections.intake.importCases(options: connections.longCallOptions)
                    var progress = Progress(total: rows.count, label: "sending rows")
                    for (index, row) in rows.enumerated() {
                        try await call.send(row)
                        if let text = progress.update(index + 1) { StandardStreams.error(text) }
                    }
                    return try await call.response()
                }
            }
            Self.merge(rejected, into: &response)
            if printer.json {
                printer.line(ProtoJSON.encode(response))
            } else {
                Self.printSummary(response, file: file, printer: printer)
            }
            if response.rejectedCount > 0 { throw ExitCode(ErrorReport.refused) }
        }
    }

    /// Every region and agency, so rows can name them by name.
    static func directory(session: Session) async throws -> CaseRows.Directory {
        var regions: [IntakeV1.Region] = []
        var regionRequest = IntakeV1.ListRegionsRequest()
        regionRequest.pageSize = 500
        repeat {
            let page = try await session.call(.intake) { try await $0.intake.listRegions(regionRequest, options: $1) }
            regions += page.regions
            regionRequest.pageToken = page.nextPageToken
        } while !regionRequest.pageToken.isEmpty
        var agencies: [IntakeV1.Agency] = []
        var agencyRequest = IntakeV1.ListAgenciesRequest()
        agencyRequest.pageSize = 500
        repeat {
            let page = try await session.call(.intake) { try await $0.intake.listAgencies(agencyRequest, options: $1) }
            agencies += page.agencies
            agencyRequest.pageToken = page.nextPageToken
        } while !agencyRequest.pageToken.isEmpty
        return CaseRows.Directory(regions: regions, agencies: agencies)
    }

    /// A row sjctl refused, in the shape intake reports rows (status 3, INVALID_ARGUMENT), so the
    /// JSON output has one form for both.
    static func result(for rejection: CaseRows.Rejection) -> IntakeV1.ImportRowResult {
        var result = IntakeV1.ImportRowResult()
        result.rowNumber = Int64(rejection.line)
        result.statusCode = StatusCode.invalidArgument.rawValue
        result.rejectionReason =
            "sjctl: " + rejection.violations.map { "\($0.field): \($0.rule)" }.joined(separator: "; ")
        result.fieldViolations = rejection.violations.map { violation in
            var field = CommonV1.FieldViolation()
            field.field = violation.field
            field.rule = violation.rule
            return field
        }
        return result
    }

    /// sjctl's own rejections join intake's results in line order, and count as rejected.
    static func merge(_ rejected: [IntakeV1.ImportRowResult], into response: inout IntakeV1.ImportCasesResponse) {
        guard !rejected.isEmpty else { return }
        response.results = (response.results + rejected).sorted { $0.rowNumber < $1.rowNumber }
        response.rejectedCount += Int64(rejected.count)
        response.rejectedRowNumbers = (response.rejectedRowNumbers + rejected.map(\.rowNumber)).sorted()
    }

    static func printSummary(_ response: IntakeV1.ImportCasesResponse, file: String, printer: Printer) {
        let replayed = response.results.filter(\.replayed).count
        let total = response.acceptedCount + response.rejectedCount
        var summary = "\(file): \(total) rows, \(response.acceptedCount) accepted"
        if replayed > 0 { summary += " (\(replayed) already imported before, replayed)" }
        summary += ", \(response.rejectedCount) rejected"
        printer.line(summary)
        printRejections(response.results.filter { !$0.accepted }, printer: printer)
        let detailed = Set(response.results.filter { !$0.accepted }.map(\.rowNumber))
        let bare = response.rejectedRowNumbers.filter { !detailed.contains($0) }
        if !bare.isEmpty {
            printer.line(
                "rejected without details (intake details the first 1,000 rejections; import these lines again to see why): "
                    + bare.map { "line \($0)" }.joined(separator: ", "))
        }
        if response.rejectedCount > Int64(response.rejectedRowNumbers.count) {
            printer.line(
                "(and \(response.rejectedCount - Int64(response.rejectedRowNumbers.count)) more rejected rows not numbered)"
            )
        }
    }

    static func printRejections(_ results: [IntakeV1.ImportRowResult], printer: Printer) {
        for result in results {
            let code = StatusCode(rawValue: result.statusCode)?.description ?? "status \(result.statusCode)"
            let fromSjctl = result.rejectionReason.hasPrefix("sjctl: ")
            let who = fromSjctl ? "sjctl could not read it" : "intake refused it (\(code))"
            let joined = result.fieldViolations.map { "\($0.field): \($0.rule)" }.joined(separator: "; ")
            let reason = fromSjctl ? String(result.rejectionReason.dropFirst("sjctl: ".count)) : result.rejectionReason
            if result.fieldViolations.isEmpty || (reason != joined && !reason.isEmpty) {
                printer.line("line \(result.rowNumber): \(who): \(reason)")
            } else {
                printer.line("line \(result.rowNumber): \(who):")
            }
            if !result.fieldViolations.isEmpty {
                for violation in result.fieldViolations { printer.line("  \(violation.field): \(violation.rule)") }
                if result.detailsTruncated { printer.line("  (details cut short by intake)") }
            }
        }
    }
}
