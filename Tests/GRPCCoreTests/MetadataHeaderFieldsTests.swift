import GRPCCore
import Testing

@Suite struct MetadataHeaderFieldsTests {
    @Test func binaryValuesGoOutAsUnpaddedBase64AndComeBack() {
        var metadata = Metadata()
        metadata.add("x-grpc-test-echo-trailing-bin", binary: [0xAB, 0xAB, 0xAB])
        metadata.add("one-bin", binary: [0xFF])
        metadata.add("empty-bin", binary: [])
        metadata.add("x-grpc-test-echo-initial", "test_initial_metadata_value")
        let fields = metadata.headerFields()
        #expect(
            fields.map(\.name) == ["x-grpc-test-echo-trailing-bin", "one-bin", "empty-bin", "x-grpc-test-echo-initial"])
        #expect(fields.map(\.value) == ["q6ur", "/w", "", "test_initial_metadata_value"])
        #expect(Metadata(headerFields: fields) == metadata)
    }

    @Test func everyByteValueSurvivesTheRoundTrip() {
        var metadata = Metadata()
        for length in 0..<8 {
            metadata.add(
                "blob-bin", binary: (0..<256).map { UInt8(($0 * 7 + length) % 256) }.prefix(250 + length).map { $0 })
        }
        #expect(Metadata(headerFields: metadata.headerFields()) == metadata)
    }

    @Test func commaJoinedBinaryValuesSplitIntoSeparateValues() {
        let fields: [(name: String, value: String)] = [("key-bin", "AQ==, Ag,AwQ=")]
        let metadata = Metadata(headerFields: fields)
        #expect(metadata["key-bin"] == [.binary([1]), .binary([2]), .binary([3, 4])])
    }

    @Test func commaJoinedStringValuesStayWhole() {
        let fields: [(name: String, value: String)] = [("accept-things", "a, b")]
        let metadata = Metadata(headerFields: fields)
        #expect(metadata.first("accept-things") == "a, b")
    }

    @Test func invalidBase64PiecesAreDroppedAndTheRestKept() {
        let fields: [(name: String, value: String)] = [("key-bin", "AQ==,not base64!,Ag"), ("other-bin", "A")]
        let metadata = Metadata(headerFields: fields)
        #expect(metadata["key-bin"] == [.binary([1]), .binary([2])])
        #expect(metadata["other-bin"].isEmpty)
    }

    @Test func pseudoAndTransportHeadersAreNotMetadata() {
        let fields: [(name: String, value: String)] = [
            (":method", "POST"), (":path", "/a.B/C"), (":scheme", "http"), (":authority", "localhost"),
            ("content-type", "application/grpc"), ("te", "trailers"), ("grpc-timeout", "1S"),
            ("grpc-encoding", "gzip"), ("grpc-accept-encoding", "gzip"), ("grpc-status", "0"),
            ("grpc-message", "ok"), ("user-agent", "grpc-go/1.33"), ("grpc-status-details-bin", "CAM"),
            ("x-custom", "yes"),
        ]
        let metadata = Metadata(headerFields: fields)
        #expect(metadata.map(\.key) == ["user-agent", "grpc-status-details-bin", "x-custom"])
        #expect(metadata.firstBinary("grpc-status-details-bin") == [0x08, 0x03])
    }

    @Test func entriesTheWireCannotCarryAreLeftOut() {
        var metadata = Metadata()
        metadata.add("bad key", "x")
        metadata.add("newline", "a\r\nb")
        metadata.add("unicode", "☺")
        metadata.add("fine", "printable ~ ASCII")
        #expect(metadata.headerFields().map(\.name) == ["fine"])
    }
}
