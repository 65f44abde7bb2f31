import Foundation
import GRPCCore
import TestProcesses
import Testing

/// Our gzip and deflate against Python's zlib, an independent implementation of both wrappers.
@Suite struct CompressionInteropTests {
    static let pythonAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")
    static let text = Array(String(repeating: "Shuangjiang 双降 ☺ ", count: 300).utf8)

    /// Runs a Python snippet with `input` on stdin and returns its stdout.
    static func python(_ script: String, input: [UInt8]) throws -> [UInt8] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sj-zlib-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputPath = directory.appendingPathComponent("in").path
        let outputPath = directory.appendingPathComponent("out").path
        try Data(input).write(to: URL(fileURLWithPath: inputPath))
        let process = try SpawnedProcess("/usr/bin/python3", ["-c", script], input: inputPath, output: outputPath)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return Array(try Data(contentsOf: URL(fileURLWithPath: outputPath)))
    }

    static let decoders: [(CompressionAlgorithm, String)] = [
        (.gzip, "gzip.decompress(data)"), (.deflate, "zlib.decompress(data)"),
    ]

    @Test(.enabled(if: pythonAvailable, "needs python3 to check interoperability with its zlib"))
    func pythonReadsWhatWeCompress() throws {
        for (algorithm, decode) in Self.decoders {
            let script = "import sys, gzip, zlib; data = sys.stdin.buffer.read(); sys.stdout.buffer.write(\(decode))"
            #expect(try Self.python(script, input: Compression.compress(Self.text, algorithm)) == Self.text)
        }
    }

    @Test(.enabled(if: pythonAvailable, "needs python3 to check interoperability with its zlib"))
    func weReadWhatPythonCompresses() throws {
        let encoders: [(CompressionAlgorithm, String)] = [
            (.gzip, "gzip.compress(data)"), (.deflate, "zlib.compress(data)"),
        ]
        for (algorithm, encode) in encoders {
            let script = "import sys, gzip, zlib; data = sys.stdin.buffer.read(); sys.stdout.buffer.write(\(encode))"
            let compressed = try Self.python(script, input: Self.text)
            #expect(try Compression.decompress(compressed, algorithm, limit: Self.text.count) == Self.text)
        }
    }
}
