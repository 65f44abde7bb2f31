/// A request that carries a client-chosen id (common.v1's `request_id`): the server puts it on the
/// call's context so logs can name the request a client will quote when it asks what happened.
/// Generated messages with a `request_id` field conform with an empty extension.
public protocol RequestIdentifying {
    var requestId: String { get }
}
