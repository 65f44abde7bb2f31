/// A configuration (rules) file that cannot be used, naming the key and the rule. Shared by every
/// service that reads a section of the file, and by the server that reloads it.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
