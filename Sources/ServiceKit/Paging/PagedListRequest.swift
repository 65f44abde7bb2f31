public import Messages

/// A List request: filters plus `page_size` and `page_token` (common.v1 paging conventions).
public protocol PagedListRequest: ProtoMessage {
    var pageSize: Int32 { get set }
    var pageToken: String { get set }
}
