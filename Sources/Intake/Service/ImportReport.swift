public import Messages
internal import ServiceKit
internal import SharedDomain

/// The ImportCasesResponse of one stream, built row by row. Every row is counted, but per-row
/// detail is capped (the rules are in case_import.proto), so the response stays under the 4 MiB
/// message limit of stock clients however long the stream is and however many rows fail: one
/// result per row let 18,000 rejections of a 20,000-row import lose every result while the good
/// rows were written. Memory stays bounded the same way.
public struct ImportReport: Sendable {
    public typealias V1 = Shuangjiang.Intake.V1

    /// Results kept, accepted or rejected.
    public static let maxResults = 10_000
    /// Rejected rows kept among the results.
    public static let maxRejectedResults = 1_000
    /// Row numbers kept in `rejected_row_numbers`.
    public static let maxRejectedRowNumbers = 100_000
    /// Bounds of one rejected result's text, in UTF-8 bytes, and how many violations it keeps.
    public static let maxReasonBytes = 512
    public static let maxViolations = 4
    public static let maxFieldBytes = 128
    public static let maxRuleBytes = 320

    public private(set) var response = V1.ImportCasesResponse()
    private var rejectedResults = 0

    public init() {}

    /// Counts `result` and keeps it, bounded, while the caps allow.
    public mutating func add(_ result: V1.ImportRowResult) {
        if result.accepted {
            response.acceptedCount += 1
        } else {
            response.rejectedCount += 1
            if response.rejectedRowNumbers.count < Self.maxRejectedRowNumbers {
                response.rejectedRowNumbers.append(result.rowNumber)
            }
        }
        guard !response.resultsTruncated else { return }
        // Results stay a prefix of the stream: once one row is left out, so is every later row.
        guard response.results.count < Self.maxResults, result.accepted || rejectedResults < Self.maxRejectedResults
        else {
            response.resultsTruncated = true
            return
        }
        if result.accepted {
            response.results.append(result)
        } else {
            rejectedResults += 1
            response.results.append(Self.bounded(result))
        }
    }

    /// `result` with its reason and violations cut to the bounds, flagged if anything was cut.
    static func bounded(_ result: V1.ImportRowResult) -> V1.ImportRowResult {
        var bounded = result
        var cut = false
        bounded.rejectionReason = Self.prefix(result.rejectionReason, maxBytes: maxReasonBytes, cut: &cut)
        if result.fieldViolations.count > maxViolations { cut = true }
        bounded.fieldViolations = result.fieldViolations.prefix(maxViolations).map { violation in
            var kept = violation
            kept.field = Self.prefix(violation.field, maxBytes: maxFieldBytes, cut: &cut)
            kept.rule = Self.prefix(violation.rule, maxBytes: maxRuleBytes, cut: &cut)
            return kept
        }
        bounded.detailsTruncated = result.detailsTruncated || cut
        return bounded
    }

    /// `text` if it fits in `maxBytes` of UTF-8, else its longest prefix of whole characters that
    /// fits with "…" after it.
    static func prefix(_ text: String, maxBytes: Int, cut: inout Bool) -> String {
        guard text.utf8.count > maxBytes else { return text }
        cut = true
        let ellipsis = "…"
        let budget = maxBytes - ellipsis.utf8.count
        var end = text.startIndex
        while end < text.endIndex {
            let next = text.index(after: end)
            guard text.utf8.distance(from: text.startIndex, to: next) <= budget else { break }
            end = next
        }
        return text[..<end] + ellipsis
    }
}
