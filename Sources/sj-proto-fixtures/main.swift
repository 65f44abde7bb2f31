// Writes and checks the sample encodings used by the Python cross-check
// (Tests/python/test_cross_language.py):
//   sj-proto-fixtures write DIR   one file per message type and sample variant: DIR/<full.name>.<variant>.bin
//   sj-proto-fixtures check DIR   decodes every such file and compares it with the Swift sample
//   sj-proto-fixtures leak-check  decodes 60,000 random byte strings and reports heap growth
import CMallocStats
import Foundation
import Messages
import ProtoSamples

func write(to directory: URL) throws {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    var count = 0
    func one<M: SampledMessage>(_ type: M.Type) throws {
        for variant in 0..<M.sampleVariants {
            let bytes = try M.sample(variant, depth: 0).serializedBytes()
            try Data(bytes).write(to: directory.appendingPathComponent("\(M.protoMessageName).\(variant).bin"))
            count += 1
        }
    }
    for type in allSampledMessageTypes { try one(type) }
    print("wrote \(count) sample encodings to \(directory.path)")
}

func check(_ directory: URL) throws -> Bool {
    let types = Dictionary(uniqueKeysWithValues: allSampledMessageTypes.map { ($0.protoMessageName, $0) })
    var failures: [String] = []
    var checked = 0
    func one<M: SampledMessage>(_ type: M.Type, variant: Int, bytes: Data) {
        do {
            let decoded = try M(serializedBytes: bytes)
            if decoded != M.sample(variant, depth: 0) {
                failures.append(
                    "\(M.protoMessageName) #\(variant): decoded \(decoded), expected \(M.sample(variant, depth: 0))")
            }
        } catch {
            failures.append("\(M.protoMessageName) #\(variant): \(error)")
        }
        checked += 1
    }
    for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    where name.hasSuffix(".bin") {
        let parts = name.dropLast(4).split(separator: ".")
        guard let variant = parts.last.flatMap({ Int($0) }), let type = types[parts.dropLast().joined(separator: ".")]
        else {
            failures.append("\(name): no such generated message type")
            continue
        }
        one(type, variant: variant, bytes: try Data(contentsOf: directory.appendingPathComponent(name)))
    }
    for failure in failures { print("MISMATCH \(failure)") }
    print("checked \(checked) encodings, \(failures.count) mismatches")
    return failures.isEmpty && checked > 0
}

/// Decoding garbage must free everything it allocated, including on every error path. Measured
/// here, in a process of its own, because the heap counters are process-wide.
func leakCheck() -> Bool {
    var state: UInt64 = 0x5EED
    func next() -> UInt64 {  // SplitMix64, so runs are reproducible
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    func decodeGarbage(_ rounds: Int) {
        for _ in 0..<rounds {
            let bytes = (0..<Int(next() % 64)).map { _ in UInt8(truncatingIfNeeded: next()) }
            _ = try? Grpc.Testing.SimpleRequest(serializedBytes: bytes)
            _ = try? Grpc.Testing.LoadBalancerStatsResponse(serializedBytes: bytes)
            _ = try? Grpc.Reflection.V1.ServerReflectionResponse(serializedBytes: bytes)
        }
    }
    decodeGarbage(2_000)  // warm up allocator caches
    let before = Int(heap_bytes_in_use())
    decodeGarbage(20_000)
    let growth = Int(heap_bytes_in_use()) - before
    print("heap growth after 60000 garbage decodes: \(growth) bytes")
    return growth < 64 * 1024
}

let arguments = CommandLine.arguments
if arguments.count == 2 && arguments[1] == "leak-check" {
    exit(leakCheck() ? 0 : 1)
}
guard arguments.count == 3, ["write", "check"].contains(arguments[1]) else {
    print("usage: sj-proto-fixtures write DIR | check DIR | leak-check")
    exit(2)
}
let directory = URL(fileURLWithPath: arguments[2])
do {
    if arguments[1] == "write" {
        try write(to: directory)
    } else if try !check(directory) {
        exit(1)
    }
} catch {
    print("sj-proto-fixtures: \(error)")
    exit(1)
}
