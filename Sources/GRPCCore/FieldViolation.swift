/// One invalid field of a request: `google.rpc.BadRequest.FieldViolation`.
public struct FieldViolation: Hashable, Sendable {
    /// A path to the field, e.g. `reading.value` or `readings[2].unit`.
    public var field: String
    /// What is wrong with it, for the client developer.
    public var description: String

    public init(field: String, description: String) {
        self.field = field
        self.description = description
    }
}
