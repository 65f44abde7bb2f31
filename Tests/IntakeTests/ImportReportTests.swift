import GRPC
import GRPCCore
import Intake
import Messages
import Storage
import Stubs
import Testing

/// An ImportCasesResponse stays under stock clients' 4 MiB limit whatever the stream, and still
/// says which rows failed.
@Suite struct ImportReportTests {
    typealias V1 = Shuangjiang.Intake.V1
    typealias E = CaseEvents

    static let stockClientLimit = 4 * 1024 * 1024

    static func accepted(_ row: Int64) -> V1.ImportRowResult {
        var result = V1.ImportRowResult()
        result.rowNumber = row
        result.accepted = true
        result.caseId = "case-\(Int64.max)"
        result.replayed = true
        return result
    }

    /// A rejection as long as anything can make it: huge reason, many long violations. Built once:
    /// copies share its text.
    static let hugeRejection: V1.ImportRowResult = {
        var result = V1.ImportRowResult()
        result.statusCode = StatusCode.invalidArgument.rawValue
        result.rejectionReason = String(repeating: "征", count: 100_000)
        result.fieldViolations = (0..<50).map { index in
            var violation = Shuangjiang.Common.V1.FieldViolation()
            violation.field = "events[\(index)]." + String(repeating: "x", count: 5_000)
            violation.rule = String(repeating: "须", count: 5_000)
            return violation
        }
        return result
    }()

    static func rejected(_ row: Int64) -> V1.ImportRowResult {
        var result = hugeRejection
        result.rowNumber = row
        return result
    }

    @Test func theWorstCaseResponseIsUnderTheStockClientLimit() throws {
        var report = ImportReport()
        let big = Int64.max - 1_000_000  // row numbers of ten varint bytes
        for row in 0..<Int64(ImportReport.maxResults - ImportReport.maxRejectedResults) {
            report.add(Self.accepted(big + row))
        }
        for row in 0..<Int64(ImportReport.maxRejectedRowNumbers + 5_000) {
            report.add(Self.rejected(big + 20_000 + row))
        }
        let response = report.response
        #expect(response.results.count == ImportReport.maxResults && response.resultsTruncated)
        #expect(response.rejectedCount == Int64(ImportReport.maxRejectedRowNumbers + 5_000))
        #expect(response.rejectedRowNumbers.count == ImportReport.maxRejectedRowNumbers)
        let size = try response.serializedBytes().count
        #expect(size < Self.stockClientLimit, "\(size) bytes")
        #expect(size > 3_000_000, "the bounds are what this test measures: \(size) bytes")
    }

    @Test func resultsAreAPrefixOfTheStreamAndEveryRowIsCounted() {
        var report = ImportReport()
        // Rows 1... alternate rejected, accepted: the 1,001st rejection is row 2,001.
        for row in Int64(1)...5_000 { report.add(row % 2 == 1 ? Self.rejected(row) : Self.accepted(row)) }
        let response = report.response
        #expect(response.results.map(\.rowNumber) == Array(1...2_000))
        #expect(response.resultsTruncated)
        #expect(response.acceptedCount == 2_500 && response.rejectedCount == 2_500)
        #expect(response.rejectedRowNumbers == Array(stride(from: Int64(1), through: 4_999, by: 2)))
    }

    @Test func aRejectionIsCutAtWholeCharactersAndFlagged() throws {
        var report = ImportReport()
        var short = Self.rejected(1)
        short.rejectionReason = "filing.court_name: required"
        short.fieldViolations = [short.fieldViolations[0]]
        short.fieldViolations[0].field = "filing.court_name"
        short.fieldViolations[0].rule = "required"
        report.add(short)
        report.add(Self.rejected(2))
        var combining = Self.rejected(3)
        combining.rejectionReason = String(repeating: "e\u{301}", count: 1_000)
        report.add(combining)
        let results = report.response.results
        #expect(results[0] == short && !results[0].detailsTruncated, "what fits is kept as it is")
        let cut = results[1]
        #expect(cut.detailsTruncated)
        #expect(cut.rejectionReason.utf8.count <= ImportReport.maxReasonBytes && cut.rejectionReason.hasSuffix("…"))
        #expect(cut.rejectionReason.dropLast().allSatisfy { $0 == "征" })
        #expect(cut.fieldViolations.count == ImportReport.maxViolations)
        #expect(cut.fieldViolations.allSatisfy { $0.field.utf8.count <= ImportReport.maxFieldBytes })
        #expect(cut.fieldViolations.allSatisfy { $0.rule.utf8.count <= ImportReport.maxRuleBytes })
        #expect(cut.fieldViolations[1].field.hasPrefix("events[1]."))
        #expect(results[2].rejectionReason.dropLast().allSatisfy { $0 == "e\u{301}" }, "no accent torn off")
    }

    /// Over the wire: a rejected row beyond the reported ones is still named.
    @Test func anImportReportsRowsBeyondTheCapsByNumber() async throws {
        let h = try await IntakeHarness.make()
        let call = h.client.importCases()
        let rows = ImportReport.maxRejectedResults + 10
        for row in 1...rows {
            var filing = h.filing(row)
            if row != rows - 5 { filing.courtName = "" }
            try await call.send(IntakeHarness.importRow(Int64(row), filing))
        }
        let response = try await call.response()
        #expect(response.results.count == ImportReport.maxRejectedResults && response.resultsTruncated)
        #expect(response.acceptedCount == 1 && response.rejectedCount == Int64(rows - 1))
        #expect(response.rejectedRowNumbers == Array(1...Int64(rows)).filter { $0 != Int64(rows - 5) })
        #expect(
            try await h.client.listCases(V1.ListCasesRequest()).cases.map(\.docketNumber) == [
                "(2024)苏03行初\(rows - 5)号"
            ])
        #expect(await h.stop())
    }
}
