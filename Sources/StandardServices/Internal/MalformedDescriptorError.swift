/// The embedded descriptor set could not be read. It is generated at build time, so this means a
/// generator bug; reflection reports it as INTERNAL rather than crashing the server.
struct MalformedDescriptorError: Error, CustomStringConvertible {
    let reason: String

    var description: String { "malformed descriptor set: \(reason)" }
}
