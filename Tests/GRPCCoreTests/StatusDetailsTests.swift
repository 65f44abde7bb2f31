import GRPCCore
import Testing

@Suite struct StatusDetailsTests {
    static let violations = [
        FieldViolation(field: "reading.value", description: "must be finite"),
        FieldViolation(field: "名前", description: "☺ non-ASCII survives"),
        FieldViolation(field: "", description: ""),
    ]

    @Test func encodedBadRequestDecodesBack() {
        let bytes = StatusDetails.encode(code: .invalidArgument, message: "bad", badRequest: Self.violations)
        #expect(StatusDetails.decodeBadRequest(bytes) == Self.violations)
    }

    @Test func theEncodingIsTheProtobufWireFormat() {
        let bytes = StatusDetails.encode(
            code: .invalidArgument, message: "m", badRequest: [FieldViolation(field: "f", description: "d")])
        let typeURL = Array("type.googleapis.com/google.rpc.BadRequest".utf8)
        let violation: [UInt8] = [0x0A, 1, UInt8(ascii: "f"), 0x12, 1, UInt8(ascii: "d")]
        let badRequest: [UInt8] = [0x0A, UInt8(violation.count)] + violation
        let any: [UInt8] = [0x0A, UInt8(typeURL.count)] + typeURL + [0x12, UInt8(badRequest.count)] + badRequest
        #expect(bytes == [0x08, 3, 0x12, 1, UInt8(ascii: "m"), 0x1A, UInt8(any.count)] + any)
    }

    @Test func aStatusWithoutViolationsHasNoBadRequest() {
        let bytes = StatusDetails.encode(code: .notFound, message: "", badRequest: [])
        #expect(bytes == [0x08, 5])
        #expect(StatusDetails.decodeBadRequest(bytes) == nil)
    }

    @Test func longFieldsUseMultiByteLengths() {
        let long = [
            FieldViolation(
                field: String(repeating: "x", count: 300), description: String(repeating: "y", count: 20_000))
        ]
        let bytes = StatusDetails.encode(code: .invalidArgument, message: "", badRequest: long)
        #expect(StatusDetails.decodeBadRequest(bytes) == long)
    }

    @Test func otherDetailsAndUnknownFieldsAreSkipped() {
        let other = Array("type.googleapis.com/google.rpc.RetryInfo".utf8)
        let foreignAny: [UInt8] = [0x0A, UInt8(other.count)] + other + [0x12, 2, 0x08, 0x01]
        let unknown: [UInt8] = [0x25, 1, 2, 3, 4, 0x29, 1, 2, 3, 4, 5, 6, 7, 8]  // fixed32 4, fixed64 5
        let ours = StatusDetails.encode(code: .invalidArgument, message: "", badRequest: Self.violations)
        let bytes = [0x1A, UInt8(foreignAny.count)] + foreignAny + unknown + ours
        #expect(StatusDetails.decodeBadRequest(bytes) == Self.violations)
    }

    @Test(arguments: [
        [0x1A, 0x05, 0x0A] as [UInt8], [0x08], [0x0B], [0x00, 0x01], [0x1A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F],
    ])
    func malformedBytesDecodeToNil(bytes: [UInt8]) {
        #expect(StatusDetails.decodeBadRequest(bytes) == nil)
    }
}
