internal import Foundation
public import SharedDomain

/// The configuration file (`--config`): one JSON object with a section per reader. `server` holds
/// the server's own settings (below flags and the environment in precedence), `assessment` and
/// `accountability` the rules those services parse themselves.
///
/// Flattened into dotted keys ("assessment.escalation.threshold" → `"10%"`), so that a reload can
/// say exactly which settings changed, in the file's own terms.
public struct ConfigurationFile: Sendable, Equatable {
    /// The sections this build reads; any other top-level key is refused, so that a misspelt
    /// section ("assesment") is an error rather than a file whose rules silently do not apply.
    public static let sections = ["server", "assessment", "accountability"]

    public let path: String
    public let bytes: [UInt8]
    /// Every leaf setting by dotted key, its value as compact JSON text.
    public let settings: [String: String]

    public init(path: String) throws(ConfigurationError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError("cannot read \(path)")
        }
        try self.init(path: path, bytes: Array(data))
    }

    public init(path: String, bytes: [UInt8]) throws(ConfigurationError) {
        self.path = path
        self.bytes = bytes
        let root: [String: Any]
        do {
            guard let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
                throw ConfigurationError("the file must hold a JSON object")
            }
            root = object
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw ConfigurationError("not valid JSON: \(error.localizedDescription)")
        }
        for key in root.keys.sorted() where !Self.sections.contains(key) {
            throw ConfigurationError(
                "\"\(key)\" is not a section this build reads; the sections are \(Self.sections.joined(separator: ", "))"
            )
        }
        var settings: [String: String] = [:]
        Self.flatten(root, prefix: "", into: &settings)
        self.settings = settings
        // A string is given as the text it holds (no quotes or escapes); anything else as written.
        var server: [String: String] = [:]
        for (key, value) in root["server"] as? [String: Any] ?? [:] {
            // A nested object has no setting of its own; it is kept, so a reader refuses it.
            server[key] = value as? String ?? settings["server.\(key)"] ?? "\(value)"
        }
        serverSettings = server
    }

    /// The `server` section's values as text: strings unquoted, numbers and booleans as written.
    public let serverSettings: [String: String]

    /// One line per setting that differs between `old` and this file, sorted by key:
    /// `assessment.escalation.threshold: "10%" → "12%"`, with "(unset)" for a missing side.
    public func changes(from old: ConfigurationFile) -> [String] {
        Set(settings.keys).union(old.settings.keys).sorted().compactMap { key in
            let before = old.settings[key]
            let after = settings[key]
            guard before != after else { return nil }
            return "\(key): \(before ?? "(unset)") → \(after ?? "(unset)")"
        }
    }

    private static func flatten(_ value: Any, prefix: String, into settings: inout [String: String]) {
        if let object = value as? [String: Any], !object.isEmpty {
            for (key, child) in object {
                flatten(child, prefix: prefix.isEmpty ? key : "\(prefix).\(key)", into: &settings)
            }
            return
        }
        // Lists and scalars are one setting each: a changed ladder is one change, not several.
        let data = try? JSONSerialization.data(
            withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys, .withoutEscapingSlashes])
        settings[prefix] = data.flatMap { String(data: $0, encoding: .utf8) } ?? "\(value)"
    }
}
