/// Why a host could not start, in words for the operator who ran it.
public struct HostError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
