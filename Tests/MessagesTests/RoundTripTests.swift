import Messages
import ProtoSamples
import Testing

@Suite struct RoundTripTests {
    @Test func everyGeneratedMessageTypeIsCovered() {
        // 46 come from the standard protos alone; the domain protos only add to them.
        #expect(allSampledMessageTypes.count >= 46)
        let names = allSampledMessageTypes.map { $0.protoMessageName }
        #expect(Set(names).count == names.count)
    }

    @Test func everyMessageRoundTripsThroughBytesWithEveryFieldSet() throws {
        func check<M: SampledMessage>(_ type: M.Type) throws {
            for variant in 0..<M.sampleVariants {
                let sample = M.sample(variant, depth: 0)
                let bytes = try sample.serializedBytes()
                let decoded = try M(serializedBytes: bytes)
                #expect(decoded == sample, "\(M.protoMessageName) variant \(variant)")
                // Deterministic: map entries are sorted, so re-encoding gives the same bytes.
                #expect(try decoded.serializedBytes() == bytes, "\(M.protoMessageName) variant \(variant)")
                if sample != M() {
                    #expect(!bytes.isEmpty, "\(M.protoMessageName): a non-default value encodes to something")
                }
            }
        }
        for type in allSampledMessageTypes { try check(type) }
    }

    @Test func samplesSetEveryFieldToANonDefaultValue() throws {
        // Guards the sample generator itself: a field left at its default would go untested.
        var request = Grpc.Testing.SimpleRequest.sample(0, depth: 0)
        #expect(request.responseSize != 0)
        #expect(request.payload?.body.isEmpty == false)
        #expect(request.responseStatus?.message.isEmpty == false)
        request.responseSize = 0
        #expect(request != Grpc.Testing.SimpleRequest.sample(0, depth: 0))
    }

    @Test func emptyInputDecodesToTheDefaultMessage() throws {
        #expect(try Grpc.Testing.SimpleRequest(serializedBytes: [UInt8]()) == Grpc.Testing.SimpleRequest())
        #expect(try Grpc.Testing.SimpleRequest().serializedBytes().isEmpty)
    }

    @Test func nonASCIIStringsSurvive() throws {
        var status = Grpc.Testing.EchoStatus()
        status.message = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n 双降"
        let decoded = try Grpc.Testing.EchoStatus(serializedBytes: status.serializedBytes())
        #expect(decoded.message == status.message)
    }

    @Test func unknownEnumValuesArePreserved() throws {
        // Payload.type (field 1, enum) = 77, which PayloadType does not declare.
        let payload = try Grpc.Testing.Payload(serializedBytes: [0x08, 77])
        #expect(payload.type == .unrecognized(77))
        #expect(try payload.serializedBytes() == [0x08, 77])
        #expect(Grpc.Testing.PayloadType(rawValue: 0) == .compressable)
    }

    @Test func duplicateMapKeysKeepTheLastValue() throws {
        // LoadBalancerStatsResponse.rpcs_by_peer (field 1): map<string, int32>; two entries "a".
        let entry1: [UInt8] = [0x0A, 0x01, 0x61, 0x10, 0x01]
        let entry2: [UInt8] = [0x0A, 0x01, 0x61, 0x10, 0x02]
        let bytes = [0x0A, UInt8(entry1.count)] + entry1 + [0x0A, UInt8(entry2.count)] + entry2
        let decoded = try Grpc.Testing.LoadBalancerStatsResponse(serializedBytes: bytes)
        #expect(decoded.rpcsByPeer == ["a": 2])
    }

    @Test func oneofKeepsTheMemberThatWasSet() throws {
        var request = Grpc.Reflection.V1.ServerReflectionRequest()
        request.messageRequest = .fileContainingSymbol("")  // empty, but present
        let decoded = try Grpc.Reflection.V1.ServerReflectionRequest(serializedBytes: request.serializedBytes())
        #expect(decoded.messageRequest == .fileContainingSymbol(""))
        #expect(try Grpc.Reflection.V1.ServerReflectionRequest(serializedBytes: [UInt8]()).messageRequest == nil)
    }
}
