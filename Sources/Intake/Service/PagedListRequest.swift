internal import GRPCCore
internal import Messages

/// A List request: filters plus `page_size` and `page_token`.
protocol PagedListRequest: ProtoMessage {
    var pageSize: Int32 { get set }
    var pageToken: String { get set }
}

extension Shuangjiang.Intake.V1.ListRegionsRequest: PagedListRequest {}
extension Shuangjiang.Intake.V1.ListAgenciesRequest: PagedListRequest {}
extension Shuangjiang.Intake.V1.ListCasesRequest: PagedListRequest {}
extension Shuangjiang.Intake.V1.ListOpinionsRequest: PagedListRequest {}

/// Where one page of a list starts, and how to name where the next one starts.
struct ListPosition {
    /// The keys to resume after; nil on the first page.
    let after: [PageToken.Key]?
    /// Binds tokens to the request's filters (everything but page size and token), so a token
    /// reused with other filters is INVALID_ARGUMENT on `page_token`.
    let filterFingerprint: UInt64

    init<R: PagedListRequest>(_ request: R, shape: [PageToken.Key]) throws {
        var filters = request
        filters.pageSize = 0
        filters.pageToken = ""
        filterFingerprint = PageToken.fingerprint(try IntakeService.fingerprint(filters))
        after = try PageToken.resume(request.pageToken, fingerprint: filterFingerprint, shape: shape)
    }

    /// The `next_page_token` for a page that ended at `keys` ("" when it was the last page).
    func nextToken(_ keys: [PageToken.Key]?) -> String {
        keys.map { PageToken(filterFingerprint: filterFingerprint, keys: $0).encoded } ?? ""
    }
}
