import Foundation

/// A fresh directory per test, removed when the test ends.
public final class TemporaryDirectory: Sendable {
    public let path: String

    public init() throws {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("sj-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    public func file(_ name: String) -> String {
        path + "/" + name
    }
}
