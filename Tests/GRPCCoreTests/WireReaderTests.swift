import GRPCCore
import Testing

/// The one protobuf field walk (google.rpc.Status details, sjctl's printing, the reflection
/// service's descriptor index): well-formed input field by field; malformed input stops the walk
/// and says why.
@Suite struct WireReaderTests {
    static func walk(_ bytes: [UInt8]) -> (fields: [Int], malformation: String?) {
        var reader = WireReader(bytes)
        var fields: [Int] = []
        while let (number, _) = reader.next() { fields.append(number) }
        return (fields, reader.malformation)
    }

    @Test func everyWireTypeOurMessagesUseIsRead() {
        // 1: varint 150; 2: "hi"; 3: fixed64; 4: fixed32.
        var reader = WireReader(
            [0x08, 0x96, 0x01, 0x12, 0x02, 0x68, 0x69, 0x19] + [UInt8](repeating: 1, count: 8) + [0x25, 2, 0, 0, 0])
        #expect(reader.next()?.value.varint == 150)
        #expect(reader.next()?.value.text == "hi")
        guard case .fixed64(let wide)? = reader.next()?.value, case .fixed32(let narrow)? = reader.next()?.value else {
            Issue.record("expected the two fixed fields")
            return
        }
        #expect(wide == 0x0101_0101_0101_0101 && narrow == 2)
        #expect(reader.next() == nil && !reader.isMalformed)
    }

    @Test(
        arguments: [
            ([0x08, 0x96], "truncated or overlong varint"),
            ([0x00, 0x01], "field number 0"),
            ([0x80, 0x80, 0x80, 0x80, 0x10, 0x00], "field number 536870912"),  // 2^29, one past the largest
            ([0x12, 0x05, 0x68], "field 2 runs past the end of its message"),
            ([0x19, 0x01], "truncated fixed field"),
            ([0x1B], "unsupported wire type 3 for field 3"),
        ] as [([UInt8], String)])
    func malformedInputStopsTheWalkAndSaysWhy(bytes: [UInt8], reason: String) {
        let walked = Self.walk([0x08, 0x01] + bytes)  // a good field first: it is still read
        #expect(walked.fields == [1])
        #expect(walked.malformation == reason)
    }
}
