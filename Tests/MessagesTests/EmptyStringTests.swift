import Messages
import Testing

@Suite struct EmptyStringTests {
    /// An empty element of a repeated string field is a value like any other: it is encoded, and
    /// decodes back in its place (it used to crash protobuf-c with a NULL element).
    @Test func anEmptyStringInARepeatedFieldRoundTrips() throws {
        var request = Shuangjiang.Accountability.V1.OpenReferralRequest()
        request.documentReferences = ["", "X纪发〔2024〕3号", ""]
        let decoded = try Shuangjiang.Accountability.V1.OpenReferralRequest(
            serializedBytes: try request.serializedBytes())
        #expect(decoded.documentReferences == ["", "X纪发〔2024〕3号", ""])
    }
}
