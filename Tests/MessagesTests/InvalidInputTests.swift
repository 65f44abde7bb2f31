import Messages
import ProtoSamples
import Testing

@Suite struct InvalidInputTests {
    // EchoStatus { int32 code = 1; string message = 2; }
    typealias EchoStatus = Grpc.Testing.EchoStatus

    @Test func invalidUTF8IsRejectedNamingTheField() {
        #expect(throws: ProtoError.invalidUTF8(field: "message")) {
            try EchoStatus(serializedBytes: [0x12, 0x02, 0xFF, 0xFE])
        }
    }

    @Test(arguments: [
        [0xC0, 0x80] as [UInt8],  // overlong NUL
        [0xE0, 0x80, 0x80],  // overlong
        [0xED, 0xA0, 0x80],  // UTF-16 surrogate
        [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
        [0xE2, 0x98],  // truncated sequence
        [0x80],  // lone continuation byte
    ])
    func malformedUTF8SequencesAreRejected(sequence: [UInt8]) {
        #expect(throws: ProtoError.invalidUTF8(field: "message")) {
            try EchoStatus(serializedBytes: [0x12, UInt8(sequence.count)] + sequence)
        }
    }

    @Test func validMultiByteUTF8IsAccepted() throws {
        let text = Array("☺😈双".utf8)
        #expect(try EchoStatus(serializedBytes: [0x12, UInt8(text.count)] + text).message == "☺😈双")
    }

    @Test func nulInAStringIsRejectedOnDecode() {
        #expect(throws: ProtoError.nulInString(field: "message")) {
            try EchoStatus(serializedBytes: [0x12, 0x03, 0x61, 0x00, 0x62])
        }
    }

    @Test func badStringsInNestedMessagesAreNamedByTheirPathFromTheMessage() {
        // SimpleRequest.response_status (field 7) = EchoStatus{message: 0xFF}
        #expect(throws: ProtoError.invalidUTF8(field: "response_status.message")) {
            try Grpc.Testing.SimpleRequest(serializedBytes: [0x3A, 0x03, 0x12, 0x01, 0xFF])
        }
        // ImportCasesRequest.filing (2) = FileCaseRequest{docket_number (4): "\0"}
        #expect(throws: ProtoError.nulInString(field: "filing.docket_number")) {
            try Shuangjiang.Intake.V1.ImportCasesRequest(serializedBytes: [0x12, 0x03, 0x22, 0x01, 0x00])
        }
        // ImportCasesRequest.events (3): {}, then {self_corrected (5): {summary (2): "a\0"}}
        let row: [UInt8] = [0x1A, 0x00, 0x1A, 0x06, 0x2A, 0x04, 0x12, 0x02, 0x61, 0x00]
        #expect(throws: ProtoError.nulInString(field: "events[1].self_corrected.summary")) {
            try Shuangjiang.Intake.V1.ImportCasesRequest(serializedBytes: row)
        }
    }

    @Test func encodingNamesABadStringByTheSamePath() {
        var correction = Shuangjiang.Intake.V1.SelfCorrected()
        correction.summary = "a\u{0}b"
        var event = Shuangjiang.Intake.V1.CaseEvent()
        event.event = .selfCorrected(correction)
        var row = Shuangjiang.Intake.V1.ImportCasesRequest()
        row.events = [Shuangjiang.Intake.V1.CaseEvent(), event]
        #expect(throws: ProtoError.nulInString(field: "events[1].self_corrected.summary")) {
            try row.serializedBytes()
        }
    }

    @Test func nulInAStringIsRejectedOnEncode() {
        var status = EchoStatus()
        status.message = "a\u{0}b"
        #expect(throws: ProtoError.nulInString(field: "message")) {
            try status.serializedBytes()
        }
    }

    @Test(arguments: [
        [0x12, 0x05, 0x61] as [UInt8],  // length runs past the end
        [0x12, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F],  // length of 4 GiB
        [0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01],  // 11-byte varint
        [0x08],  // tag without a value
        [0x0B],  // start group: unsupported wire type
        [0x0F],  // wire type 7 does not exist
        [0x00, 0x01],  // field number 0
        [0x0D, 0x01, 0x02],  // fixed32 cut short
        [0x0A, 0x01, 0x61],  // field 1 (int32) sent as a string
    ])
    func malformedEncodingsThrowATypedError(bytes: [UInt8]) {
        #expect(throws: ProtoError.malformed(message: "grpc.testing.EchoStatus")) {
            try EchoStatus(serializedBytes: bytes)
        }
    }

    @Test func everyTruncationOfEverySampleEitherDecodesOrThrows() throws {
        func check<M: SampledMessage>(_ type: M.Type) throws {
            let bytes = try M.sample(0, depth: 0).serializedBytes()
            var rejected = 0
            for end in 0..<bytes.count {
                do {
                    _ = try M(serializedBytes: bytes[0..<end])
                } catch {
                    rejected += 1
                }
            }
            // A cut inside the last field's value can never be valid.
            if !bytes.isEmpty { #expect(rejected > 0, "\(M.protoMessageName)") }
        }
        for type in allSampledMessageTypes { try check(type) }
    }

    @Test func randomGarbageNeverCrashes() throws {
        // The leak half of this check runs in its own process (sj-proto-fixtures leak-check,
        // driven by Tests/python/test_cross_language.py), where no other test allocates meanwhile.
        var generator = SplitMix64(seed: 0x5EED)
        var rejected = 0
        for _ in 0..<20_000 {
            let length = Int(generator.next() % 64)
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            do {
                _ = try Grpc.Testing.SimpleRequest(serializedBytes: bytes)
            } catch {
                rejected += 1
            }
        }
        #expect(rejected > 10_000, "most random byte strings are not valid encodings")
    }

    @Test func sampleMessagesSurviveFlippedBytes() throws {
        // Mutations of a valid encoding exercise deeper paths than pure garbage does.
        var generator = SplitMix64(seed: 42)
        let bytes = try Grpc.Testing.LoadBalancerStatsResponse.sample(0, depth: 0).serializedBytes()
        for _ in 0..<5_000 {
            var mutated = bytes
            let index = Int(generator.next() % UInt64(mutated.count))
            mutated[index] = UInt8(truncatingIfNeeded: generator.next())
            _ = try? Grpc.Testing.LoadBalancerStatsResponse(serializedBytes: mutated)
        }
    }
}

/// A tiny deterministic PRNG so failures reproduce (the same one as sj-proto-fixtures leak-check).
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
