public import GRPCCore
internal import Messages
internal import Storage

/// Where one page of a list starts, and how to name where the next one starts.
public struct ListPosition: Sendable {
    /// The keys to resume after; nil on the first page.
    public let after: [PageToken.Key]?
    /// Binds tokens to the request's filters (everything but page size and token), so a token
    /// reused with other filters is INVALID_ARGUMENT on `page_token`.
    let filterHash: UInt64
    let secret: [UInt8]

    /// - Parameters:
    ///   - shape: the kinds of the sort keys, in order, ending with the primary key.
    ///   - secret: the key of the tokens' MAC: the database's `instanceSecret`.
    public init<R: PagedListRequest>(_ request: R, shape: [PageToken.Key], secret: [UInt8]) throws(RPCError) {
        var filters = request
        filters.pageSize = 0
        filters.pageToken = ""
        self.secret = secret
        filterHash = PageToken.hash(try filters.requestFingerprint(), seed: R.protoMessageName)
        after = try PageToken.resume(request.pageToken, secret: secret, filterHash: filterHash, shape: shape)
    }

    /// The `next_page_token` for a page that ended at `keys` ("" when it was the last page).
    public func nextToken(_ keys: [PageToken.Key]?) -> String {
        keys.map { PageToken(filterHash: filterHash, keys: $0).encoded(secret: secret) } ?? ""
    }
}

extension StoredService {
    /// The position of `request`'s page, with tokens keyed by this service's database.
    public func listPosition<R: PagedListRequest>(_ request: R, shape: [PageToken.Key]) throws(RPCError) -> ListPosition
    {
        try ListPosition(request, shape: shape, secret: database.instanceSecret)
    }
}
