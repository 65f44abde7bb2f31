/// Why a report could not be gathered, in words for the person who asked for it. Errors the
/// services return (RPCError) pass through unchanged.
public struct ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
