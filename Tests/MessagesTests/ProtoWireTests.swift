import Messages
import ProtoSamples
import Testing

@Suite struct ProtoWireTests {
    static let varints: [(UInt64, [UInt8])] = [
        (0, [0]), (1, [1]), (127, [0x7F]), (128, [0x80, 0x01]), (300, [0xAC, 0x02]),
        (UInt64.max, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
    ]

    @Test(arguments: varints)
    func varintsAreSevenBitsPerByteLowFirst(value: UInt64, expected: [UInt8]) {
        var buffer: [UInt8] = [9]
        ProtoWire.appendVarint(value, to: &buffer)
        #expect(buffer == [9] + expected)
    }

    /// Embedding a message's stored bytes gives exactly what the encoder writes for the
    /// containing message, and it decodes to the same value.
    @Test func anEmbeddedEncodingMatchesTheEncoder() throws {
        typealias V1 = Shuangjiang.Intake.V1
        for variant in 0..<V1.Case.sampleVariants {
            let record = V1.Case.sample(variant, depth: 0)
            var event = V1.ChangeEvent()
            event.change = .caseFiled(record)
            var spliced: [UInt8] = []
            ProtoWire.appendLengthDelimited(field: 5, try record.serializedBytes(), to: &spliced)
            #expect(spliced == (try event.serializedBytes()))
            #expect(try V1.ChangeEvent(serializedBytes: spliced) == event)
        }
    }

    @Test func anEmptyMessageStillSetsTheField() throws {
        typealias V1 = Shuangjiang.Intake.V1
        var spliced: [UInt8] = []
        ProtoWire.appendLengthDelimited(field: 5, [], to: &spliced)
        #expect(spliced == [0x2A, 0x00])
        #expect(try V1.ChangeEvent(serializedBytes: spliced).change == .caseFiled(V1.Case()))
    }
}
